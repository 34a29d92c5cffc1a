// `npm run docs`: rewrites the configuration tables in README.md and docs/configuration.md from the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await build({
  entryPoints: [`${root}scripts/config-docs.ts`],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { generate } = await import(
  `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`
);

const read = (file) => readFileSync(`${root}${file}`, 'utf8');
for (const [file, text] of generate(read)) {
  if (text === read(file)) continue;
  writeFileSync(`${root}${file}`, text);
  console.log(`updated ${file}`);
}
