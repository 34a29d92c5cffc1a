// Builds the three bundles: what FXServer loads (server, client) and the standalone relay.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
 * @microsoft/signalr loads its Node dependencies through `requireFunc(...)`, which esbuild cannot follow
 * (dotnet/aspnetcore#47674): the bundle would need node_modules at run time. Spelling them `require(...)`
 * bundles them, except the packages in scripts/never-loaded.json, which nothing ever loads: node-fetch and
 * abort-controller only without a global fetch, tough-cookie and fetch-cookie only without our own HTTP
 * client (src/core/websocket/http-client.ts), ws's optional native add-ons inside try/catch.
 */
const NEVER_LOADED = JSON.parse(
  readFileSync(new URL('./scripts/never-loaded.json', import.meta.url), 'utf8'),
);
const signalrRequires = {
  name: 'signalr-requires',
  setup(build) {
    build.onLoad({ filter: /@microsoft[\\/]signalr[\\/]dist[\\/](cjs|esm)[\\/].*\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/\brequireFunc\(/g, 'require('),
      loader: 'js',
    }));
  },
};

/**
 * The client and what it loads (~280 KB) go into the bundles as one string, compiled only when a session
 * is first opened: V8 would otherwise pre-parse all of it at every resource start (~14 ms here).
 */
async function deferredSignalr() {
  const { outputFiles } = await build({
    ...common,
    stdin: { contents: "module.exports = require('@microsoft/signalr');", resolveDir: process.cwd() },
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [signalrRequires],
    external: NEVER_LOADED,
  });
  const contents =
    'const loaded = { exports: {} };\n' +
    `new Function('module', 'exports', 'require', ${JSON.stringify(outputFiles[0].text)})(loaded, loaded.exports, require);\n` +
    'module.exports = loaded.exports;\n';
  return {
    name: 'deferred-signalr',
    setup(build) {
      build.onResolve({ filter: /^@microsoft\/signalr$/ }, () => ({
        path: 'signalr',
        namespace: 'deferred',
      }));
      build.onLoad({ filter: /.*/, namespace: 'deferred' }, () => ({ contents, loader: 'js' }));
    },
  };
}
const node = { platform: 'node', format: 'cjs', plugins: [await deferredSignalr()] };

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
