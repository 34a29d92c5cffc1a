// Builds the three bundles: what FXServer loads (server, client) and the standalone relay.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

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

await Promise.all([
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
