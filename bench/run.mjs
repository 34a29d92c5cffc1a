// Runs every bench/*.bench.{mjs,ts} in name order and writes bench/RESULTS.md.
// Each module's default export resolves to { title, lines } (Markdown lines: the numbers and the targets).
// TypeScript benches are bundled first (into dist/bench, two levels down like their sources, so paths
// resolved from import.meta.url still land in the repository), so they can drive the test double.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'dist', 'bench');
const only = process.argv[2];
const files = readdirSync(here)
  .filter((name) => /\.bench\.(mjs|ts)$/.test(name) && (!only || name.includes(only)))
  .sort();

async function load(file) {
  if (file.endsWith('.mjs')) return import(pathToFileURL(join(here, file)).href);
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(here, file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

const sections = [];
for (const file of files) {
  console.log(`# ${file}`);
  const { default: run } = await load(file);
  const { title, lines } = await run();
  for (const line of lines) console.log(line);
  sections.push(`## ${title}\n\n${lines.join('\n')}\n`);
}

if (!only) {
  const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`;
  writeFileSync(
    join(here, 'RESULTS.md'),
    `# Benchmark results\n\nWritten by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}; ${machine}).\n` +
      'Every ratio compares two measurements taken in the same run, on the same machine.\n\n' +
      sections.join('\n'),
  );
}
process.exit(0);
