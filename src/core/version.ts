/** The release this code belongs to: build.mjs stamps package.json's version into every bundle. */
declare const SONORANCAD_VERSION: string | undefined;

/** `dev` when the sources run unbundled (unit tests). */
export const VERSION = typeof SONORANCAD_VERSION === 'string' ? SONORANCAD_VERSION : 'dev';
