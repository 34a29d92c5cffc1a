// Builds the bundles: what FXServer loads (server, client), the NUI page and the standalone relay.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chrome103Check } from './scripts/chrome103.mjs';
import { writeTones } from './scripts/tones.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
  // src/core/version.ts: `sonorancad status` reports the release it runs.
  define: { SONORANCAD_VERSION: JSON.stringify(version) },
  // jsonc-parser's `main` is a UMD file whose require() calls esbuild cannot follow; its ES build bundles.
  mainFields: ['module', 'main'],
};
// Lazy `import('node:…')` becomes a deferred require(): FXServer runs classic scripts, which cannot import().
const classicScript = { supported: { 'dynamic-import': false } };

/**
 * ws tries its optional native add-ons (bufferutil, utf-8-validate) inside try/catch and does without
 * them. The release has no node_modules, so they are bundled as a module that throws as a missing one
 * would: ws takes its JavaScript path, and the bundles require nothing but Node built-ins.
 */
const absentAddOns = {
  name: 'absent-add-ons',
  setup(build) {
    build.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({
      path: args.path,
      namespace: 'absent',
    }));
    build.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
      contents: `throw Object.assign(new Error("${args.path} is not bundled"), { code: 'MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};

const node = { platform: 'node', format: 'cjs', plugins: [absentAddOns] };

/** FiveM's NUI is Chromium 103: esbuild lowers what it can, and the check catches what it passes through. */
const page = {
  ...common,
  platform: 'browser',
  target: 'chrome103',
  minify: true,
  write: false,
  plugins: [chrome103Check],
};

/** With `write: false` esbuild hands the output to the check first: it is written only when it passes. */
async function buildPage(options) {
  const result = await build({ ...page, ...options });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
}

mkdirSync('dist/nui', { recursive: true });
copyFileSync('src/nui/index.html', 'dist/nui/index.html');
writeTones('dist/nui');

await Promise.all([
  buildPage({ entryPoints: ['src/nui/main.ts'], outfile: 'dist/nui/page.js', format: 'iife' }),
  buildPage({ entryPoints: ['src/nui/style.css'], outfile: 'dist/nui/page.css' }),
  // FXServer runs server scripts as classic scripts on Node 22: CommonJS, no top-level await.
  build({
    ...common,
    entryPoints: ['src/server/main.ts'],
    ...classicScript,
    outfile: 'dist/server.js',
    ...node,
    target: 'node22',
  }),
  // Game clients run V8 without Node or DOM; ES2021 keeps older client builds working.
  build({
    ...common,
    entryPoints: ['src/client/main.ts'],
    outfile: 'dist/client.js',
    platform: 'browser',
    target: 'es2021',
    format: 'iife',
  }),
  build({
    ...common,
    entryPoints: ['src/standalone/main.ts'],
    ...classicScript,
    outfile: 'dist/relay.js',
    ...node,
    target: 'node20',
  }),
]);
