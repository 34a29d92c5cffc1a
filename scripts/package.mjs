// `npm run package`: sonorancad-<version>.zip with one folder, sonorancad/, to drop into resources/.
// Usage: node scripts/package.mjs [--out <folder>]   (run after the build; npm run package does both)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';

// The folder name is the HTTP route (/sonorancad/event) in replacement mode.
const FOLDER = 'sonorancad';
const FILES = [
  'fxmanifest.lua',
  'dist/server.js',
  'dist/client.js',
  'dist/nui/index.html',
  'dist/nui/page.js',
  'dist/nui/page.css',
  'dist/nui/tone-pager.wav',
  'dist/nui/tone-tone1.wav',
  'dist/nui/tone-tone2.wav',
  'dist/nui/tone-tone3.wav',
  'config.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
];
const OPTIONAL_DIRS = ['docs'];
// Players' texts, one file per language: the resource does not start without them.
const REQUIRED_DIRS = ['locales'];
// Fixed timestamps: the same sources give the same zip, byte for byte.
const MTIME = new Date(2000, 0, 1);

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: root } } });

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifestVersion = /^version\s+'([^']+)'/m.exec(readFileSync(join(root, 'fxmanifest.lua'), 'utf8'))?.[1];
if (manifestVersion !== version) {
  fail(
    `package.json says ${version} but fxmanifest.lua says ${manifestVersion ?? 'nothing'}: make them agree.`,
  );
}

/** Files under `dir`, as forward-slash paths relative to the root. */
function walk(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
    });
}

const files = [
  ...FILES,
  ...REQUIRED_DIRS.flatMap(walk),
  ...OPTIONAL_DIRS.filter((dir) => existsSync(join(root, dir))).flatMap(walk),
];

const entries = {};
for (const path of files) {
  const full = join(root, path);
  if (!existsSync(full)) fail(`${path} is missing${path.startsWith('dist/') ? ': run npm run build' : ''}.`);
  entries[`${FOLDER}/${path}`] = [readFileSync(full), { mtime: MTIME }];
}

const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });
const zipPath = join(outDir, `${FOLDER}-${version}.zip`);
writeFileSync(zipPath, zipSync(entries, { level: 9 }));
console.log(zipPath);
