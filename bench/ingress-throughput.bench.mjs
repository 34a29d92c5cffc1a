// Ingress throughput of the standalone relay against a bare node:http server that only reads the body
// and JSON.parses it: same load generator, same EVENT_911 body, keep-alive, same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from './free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KEY = 'bench-key-0123456789';
const body = JSON.stringify({
  ...JSON.parse(readFileSync(join(root, 'test/fixtures/sonoran/EVENT_911.object.json'), 'utf8')),
  key: KEY,
});
const SECONDS = 5;
const ROUNDS = 2;
const TARGET = 0.85;

async function startProcess(args, env, port) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i += 1) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill();
  throw new Error(`${args.join(' ')} did not start`);
}

const load = (url) =>
  autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 16,
    duration: SECONDS,
  });

export default async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-bench-'));
  writeFileSync(join(dir, 'config.json'), process.env.BENCH_CONFIG ?? '{}');
  const baselinePort = await freePort();
  const relayPort = await freePort();
  const baseline = await startProcess([join(root, 'bench/baseline-server.mjs')], {}, baselinePort);
  const relay = await startProcess(
    [join(root, 'dist/relay.js')],
    { SONORAN_API_KEY: KEY, SONORANCAD_ROOT: dir, DATA_DIR: join(dir, 'data'), HOST: '127.0.0.1' },
    relayPort,
  );
  try {
    let best = { baseline: 0, relay: 0 };
    let failures = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const b = await load(`http://127.0.0.1:${baselinePort}/sonorancad/event`);
      const r = await load(`http://127.0.0.1:${relayPort}/sonorancad/event`);
      failures += r.non2xx + r.errors;
      best = {
        baseline: Math.max(best.baseline, b.requests.average),
        relay: Math.max(best.relay, r.requests.average),
      };
    }
    const ratio = best.relay / best.baseline;
    return {
      title: 'Ingress throughput (standalone relay)',
      lines: [
        `| server | requests/s (best of ${ROUNDS} × ${SECONDS} s, 16 keep-alive connections) |`,
        '| --- | --- |',
        `| bare node:http + JSON.parse (baseline) | ${best.baseline.toFixed(0)} |`,
        `| relay: verify, validate, events, reply | ${best.relay.toFixed(0)} |`,
        '',
        `Ratio relay / baseline: **${ratio.toFixed(2)}** (target ≥ ${TARGET}; ${ratio >= TARGET ? 'met' : 'NOT met'}). Non-2xx or errors from the relay: ${failures}.`,
      ],
    };
  } finally {
    baseline.kill();
    relay.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
