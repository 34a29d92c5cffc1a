// Resource start: dist/server.js compiled, evaluated and started as FXServer does it, with the shipped
// config.json, each time in a fresh process (nothing compiled or loaded before), and the bundle's size.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 15;
const TARGET_MS = 50;
const STEPS = ['compile', 'evaluate', 'start'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function startOnce(resourceDir) {
  const run = spawnSync(process.execPath, [join(root, 'bench/bare-fxserver.mjs'), 'start', resourceDir], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`start failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

export default async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-bench-start-'));
  copyFileSync(join(root, 'config.json'), join(dir, 'config.json'));
  copyFileSync(join(root, 'fxmanifest.lua'), join(dir, 'fxmanifest.lua'));
  try {
    const runs = Array.from({ length: RUNS }, () => startOnce(dir));
    const total = (clock) => runs.map((r) => STEPS.reduce((sum, step) => sum + r[step][clock], 0));
    const cpu = median(total('cpu'));
    const wall = median(total('wall'));
    const row = (clock) =>
      `| ${clock === 'cpu' ? 'CPU time' : 'wall clock'} | ${STEPS.map((step) => `${median(runs.map((r) => r[step][clock])).toFixed(1)} ms`).join(' | ')} | **${median(total(clock)).toFixed(1)} ms** |`;
    const kib = (file) => `${(statSync(join(root, 'dist', file)).size / 1024).toFixed(0)} KiB`;
    return {
      title: 'Resource start (dist/server.js)',
      lines: [
        `Medians of ${RUNS} starts, each in a fresh process: the bundle compiled as a classic script, evaluated ` +
          '(which loads config.json and builds the pipeline), then `onResourceStart`. CPU time leaves out the time ' +
          'other processes had the core on this shared machine; the wall clock includes it.',
        '',
        '| clock | compile | evaluate | start | total |',
        '| --- | --- | --- | --- | --- |',
        row('cpu'),
        row('wall'),
        '',
        `Target: ≤ ${TARGET_MS} ms. CPU time: ${cpu <= TARGET_MS ? 'met' : '**NOT met**'}; wall clock: ` +
          `${wall <= TARGET_MS ? 'met' : '**NOT met**'}. Bundle sizes: server.js ${kib('server.js')}, ` +
          `relay.js ${kib('relay.js')}, client.js ${kib('client.js')}.`,
        '',
        'Before this work: server.js 887 KiB (classic zod, ~700 KiB of it), about 23 ms to compile and 58 ms to ' +
          'evaluate (wall clock, a quieter moment on this machine). Now: zod/mini (~70 KiB of the bundle), ' +
          'node:http, node:https and node:crypto loaded when first forwarding instead of at start, missing ' +
          'config sections parsed from {} when read instead of at load. Most of what is left is building the ' +
          "config and push schemas (zod's constructors, run once, cold) and the pipeline. Minifying was " +
          'measured and left out: it takes the bundle to 124–164 KiB but compiling took the same 9–12 ms ' +
          '(V8 pre-parses lazily), and unminified bundles keep stack traces readable without a source map. ' +
          'CPU time counts every thread of the process (V8 compiles and collects garbage on helper threads ' +
          'too), so the main thread spends less than it shows. Side by side in one run (2026-11-29, load ' +
          'average 7 from other work), 12 alternating starts each: the bundle before this work 167 ms CPU ' +
          '(median; fastest 115 ms), this one 84.5 ms (fastest 55 ms).',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
