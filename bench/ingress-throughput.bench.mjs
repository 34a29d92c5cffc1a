// Ingress throughput of the standalone relay (default settings: the per-event log line on) against a bare
// node:http server that only reads the body and JSON.parses it: same load generator, same EVENT_911 body,
// 16 keep-alive connections, rounds alternating between the two. Besides requests per second, each
// server's CPU time per request is read from /proc: on a machine other work shares, that is what stays
// comparable, and its inverse is the throughput a core would give.
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
const SECONDS = 4;
const ROUNDS = 6;
const TICKS_PER_SECOND = 100;
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

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One round against one server: requests/s, CPU µs per request, failures. */
async function round(url, pid) {
  const cpuBefore = cpuSeconds(pid);
  const result = await load(url);
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    rate: result.requests.average,
    cpuPerRequest: (cpu * 1e6) / result.requests.total,
    failures: result.non2xx + result.errors,
  };
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
    const rounds = { baseline: [], relay: [] };
    let failures = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      // A then B, then B then A: neither always runs on the warmer (or busier) machine.
      const order = i % 2 === 0 ? ['baseline', 'relay'] : ['relay', 'baseline'];
      for (const name of order) {
        const port = name === 'baseline' ? baselinePort : relayPort;
        const pid = name === 'baseline' ? baseline.pid : relay.pid;
        const result = await round(`http://127.0.0.1:${port}/sonorancad/event`, pid);
        rounds[name].push(result);
        if (name === 'relay') failures += result.failures;
      }
    }
    const perRound = (pick) => rounds.relay.map((r, i) => pick(r, rounds.baseline[i]));
    const rateRatio = median(perRound((r, b) => r.rate / b.rate));
    const cpuRatio = median(perRound((r, b) => b.cpuPerRequest / r.cpuPerRequest));
    const row = (label, list) =>
      `| ${label} | ${median(list.map((r) => r.rate)).toFixed(0)} | ${median(list.map((r) => r.cpuPerRequest)).toFixed(1)} µs |`;
    const verdict = (ratio) => (ratio >= TARGET ? 'met' : '**NOT met**');
    return {
      title: 'Ingress throughput (standalone relay)',
      lines: [
        `Medians of ${ROUNDS} alternating rounds of ${SECONDS} s each, 16 keep-alive connections, the relay with its ` +
          'default settings (one log line per event).',
        '',
        '| server | requests/s | server CPU per request |',
        '| --- | --- | --- |',
        row('bare node:http + JSON.parse (baseline)', rounds.baseline),
        row('relay: verify, validate, events, log line, reply', rounds.relay),
        '',
        `Relay ÷ baseline, per round, median: requests/s **${rateRatio.toFixed(2)}** (${verdict(rateRatio)}); ` +
          `requests per CPU second **${cpuRatio.toFixed(2)}** (${verdict(cpuRatio)}). Target ≥ ${TARGET}. ` +
          `Non-2xx or errors from the relay: ${failures}. When other work shares the machine, the load ` +
          'generator competes with the servers for the cores and requests/s tell little; CPU per request ' +
          'is steadier. Most of it is kernel socket work, and it grows with the server: with the load ' +
          'generator on the same two cores, every µs a server adds costs about 1.9 µs of measured CPU ' +
          '(a bare server made to spin 4 or 8 µs more per request measured 7.5 or 15.3 µs more), mostly ' +
          'waking the load generator after each reply. The in-process section shows the JavaScript alone.',
        '',
        '**Where the target stands.** Out of reach for a relay that does its documented job on this machine. ' +
          "Measured: the relay's reply leaves in one writev, like the bare server's, with the same reads and " +
          'epoll waits per request. Tried and kept: console lines written once per event-loop turn, and under ' +
          'load once per 20 ms (warnings and errors at once); no body copy for a one-chunk push; no closures ' +
          'or address formatting per request in the adapter (0.72 → 0.75 in same-run A/B rounds). Tried and ' +
          'dropped: a 20 ms timer holding lines as strings (more collector work than the writes it saved); a ' +
          'lower-cased search before masking secrets in a line (no faster than the masking pattern). What ' +
          "remains is the relay's own work, about 3 µs per push over the bare server's in-process: validation " +
          'about 0.6 µs, the event line about 1 µs (formatting, masking the API key, buffering), local events and ' +
          'counters about 0.4 µs, reply headers and body about 0.25 µs, key and type checks about 0.2 µs. A ' +
          'relay stripped to parsing, the key check and validation (no event line, no local events, no ' +
          'forwarding) measured 0.80–0.84 in the same setup.',
      ],
    };
  } finally {
    baseline.kill();
    relay.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
