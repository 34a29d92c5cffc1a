// Forwarding, on the built relay (dist/relay.js) in child processes, with local receivers:
// 1. 10,000 events pushed while the target is down (journalled, queued), then drained once it is up:
//    drain throughput and the relay's peak RSS.
// 2. Ingress latency while a target answers only after 2 s, against the same relay whose target answers
//    at once (same config, same journal), and a relay with no forwarding for scale; same run, requests
//    rotating between the three so all see the same machine noise.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Agent, createServer as createHttpServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';
import { pushTo, startRelay as startChildRelay } from './relay-child.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KEY = 'bench-key-0123456789';
const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/sonoran/EVENT_911.object.json'), 'utf8'));
const BACKLOG = 10_000;
const PUSH_CONNECTIONS = 16;
const LATENCY_REQUESTS = 3_000;
const LATENCY_ROUNDS = 5;
const WARMUP_REQUESTS = 500;
const SLOW_TARGET_MS = 2_000;
const TARGETS = { throughput: 2_000, rssMb: 150, ratio: 1.1 };

const pushBody = (callId) =>
  JSON.stringify({ ...sample, key: KEY, data: { ...sample.data, call: { ...sample.data.call, callId } } });

/** A relay on its own config and data folder, with its peak RSS. */
async function startRelay(forwarding) {
  const relay = await startChildRelay(forwarding, KEY);
  return {
    ...relay,
    /** Peak resident set size so far, in MB (Linux). */
    peakRssMb() {
      const status = readFileSync(`/proc/${relay.child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
  };
}

/** A target on `port` answering 200 after `delayMs`; counts what it got and when. */
async function startTarget(port, delayMs = 0) {
  const seen = { count: 0, first: 0, last: 0 };
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      if (seen.count === 0) seen.first = now;
      seen.count += 1;
      seen.last = now;
      if (delayMs) setTimeout(() => res.end(), delayMs);
      else res.end();
    });
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    seen,
    stop: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: PUSH_CONNECTIONS });

/** One push; resolves with its status and latency in ms. */
const push = (port, body) => pushTo(agent, port, body);

async function pushMany(port, count) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      const { status } = await push(port, pushBody(++next));
      if (status !== 200) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: PUSH_CONNECTIONS }, worker));
  return failed;
}

const until = async (predicate, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

async function backlogDrain() {
  const targetPort = await freePort();
  // Retries capped at 1 s so the drain starts soon after the target is back; the default caps at 60 s.
  const relay = await startRelay({
    targets: [{ name: 'sink', url: `http://127.0.0.1:${targetPort}/hook` }],
    retry: { maxDelaySeconds: 1 },
  });
  try {
    const failed = await pushMany(relay.port, BACKLOG);
    const target = await startTarget(targetPort);
    await until(() => target.seen.count >= BACKLOG, 120_000);
    target.stop();
    const seconds = (target.seen.last - target.seen.first) / 1000;
    return { failed, throughput: BACKLOG / seconds, rssMb: relay.peakRssMb() };
  } finally {
    await relay.stop();
  }
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const ARMS = ['slow', 'fast', 'none'];

/**
 * One round: fresh relays, pushes rotating between them one by one; p50 and p99 of each. `slow` and
 * `fast` have the same forwarding config and both journal every push before replying; only their
 * target's speed differs, so their ratio is what a slow target adds. `none` forwards nothing and
 * journals nothing (a relay with no targets writes no journal): against it the ratio is the cost of
 * forwarding itself, reported beside the target.
 */
async function latencyRound(ports) {
  const relays = {};
  for (const name of ARMS)
    relays[name] = await startRelay(
      name === 'none' ? {} : { targets: [{ name: 'hook', url: `http://127.0.0.1:${ports[name]}/hook` }] },
    );
  try {
    const samples = Object.fromEntries(ARMS.map((name) => [name, []]));
    for (let i = 0; i < WARMUP_REQUESTS + LATENCY_REQUESTS; i += 1) {
      const body = pushBody(i);
      // Each arm goes first, second and third equally often.
      for (let k = 0; k < ARMS.length; k += 1) {
        const name = ARMS[(i + k) % ARMS.length];
        const { ms } = await push(relays[name].port, body);
        if (i >= WARMUP_REQUESTS) samples[name].push(ms);
      }
    }
    return { p99: Object.fromEntries(ARMS.map((name) => [name, percentile(samples[name], 99)])), samples };
  } finally {
    await Promise.all(ARMS.map((name) => relays[name].stop()));
  }
}

/**
 * A p99 from a few thousand requests is set by its 30 slowest and swings by ±50% on a busy machine, so
 * the ratio is taken over all rounds' requests together (the 1% slowest of 15,000 on each side).
 */
async function ingressLatency() {
  const ports = { slow: await freePort(), fast: await freePort() };
  const slow = await startTarget(ports.slow, SLOW_TARGET_MS);
  const fast = await startTarget(ports.fast);
  try {
    const rounds = [];
    for (let round = 0; round < LATENCY_ROUNDS; round += 1) rounds.push(await latencyRound(ports));
    const pooled = (name, p) =>
      percentile(
        rounds.flatMap((round) => round.samples[name]),
        p,
      );
    const arm = (name) => ({ p50: pooled(name, 50), p99: pooled(name, 99) });
    return {
      ratio: pooled('slow', 99) / pooled('fast', 99),
      ratios: rounds.map((round) => round.p99.slow / round.p99.fast),
      forwardingRatio: pooled('fast', 99) / pooled('none', 99),
      slow: arm('slow'),
      fast: arm('fast'),
      none: arm('none'),
      delivered: { slow: slow.seen.count, fast: fast.seen.count },
    };
  } finally {
    slow.stop();
    fast.stop();
  }
}

const verdict = (ok) => (ok ? 'meets target' : '**misses target**');

export default async function run() {
  const drain = await backlogDrain();
  const latency = await ingressLatency();
  agent.destroy();
  const { ratio } = latency;
  const ms = (value) => `${value.toFixed(2)} ms`;
  return {
    title: 'Forwarding: backlog drain and ingress latency (dist/relay.js)',
    lines: [
      '| Measure | Result | Target | |',
      '|---|---|---|---|',
      `| Drain of a ${BACKLOG.toLocaleString('en')}-event backlog to a local receiver | ${Math.round(drain.throughput)} events/s | ≥ ${TARGETS.throughput} | ${verdict(drain.throughput >= TARGETS.throughput)} |`,
      `| Relay peak RSS (pushes journalled while the target was down, then drained) | ${drain.rssMb.toFixed(1)} MB | ≤ ${TARGETS.rssMb} MB | ${verdict(drain.rssMb <= TARGETS.rssMb)} |`,
      `| Ingress p99, target answering after 2 s vs the same relay with a target answering at once (all ${LATENCY_ROUNDS} rounds' requests) | ${ms(latency.slow.p99)} vs ${ms(latency.fast.p99)}; ratio ${ratio.toFixed(2)} | ≤ ${TARGETS.ratio} | ${verdict(ratio <= TARGETS.ratio)} |`,
      `| Ingress p50, same rounds | ${ms(latency.slow.p50)} vs ${ms(latency.fast.p50)} | | |`,
      `| For scale: a relay with no forwarding (no journal), p99 / p50 | ${ms(latency.none.p99)} / ${ms(latency.none.p50)}; forwarding (prompt target) vs none p99 ${latency.forwardingRatio.toFixed(2)} | | |`,
      '',
      `${BACKLOG} pushes over ${PUSH_CONNECTIONS} keep-alive connections (${drain.failed} not answered 200); the drain rate runs from the first to the last event the receiver got, one request at a time, in order. ` +
        `Latency: per round, three fresh relays get ${LATENCY_REQUESTS} pushes each, rotating one by one, after ${WARMUP_REQUESTS} warm-up each; ` +
        `per-round p99 ratios (slow / prompt target) ${latency.ratios.map((value) => value.toFixed(2)).join(', ')}; the slow target took ${latency.delivered.slow} while the rest waited in the journal, the prompt one ${latency.delivered.fast}.`,
      '',
      'What a slow target adds, profiled on this machine (--cpu-prof, --trace-gc, journal writes timed): no ' +
        'work per push. Its relay spends less CPU than the prompt one (no send and no settle line after each ' +
        'reply), no more time in GC, and its journal appends cost the same; nothing on the ingress path scans ' +
        'the backlog or compacts the journal while the backlog grows. Its p50 is ~0.1 ms higher, a third to half of ' +
        'which a relay whose target refuses connections shows too (the same backlog held in memory and the ' +
        'same journal growth, no request open). The p99 is set by scheduling on a shared 2-core machine ' +
        '(see how far the per-round ratios above swing); earlier runs compared ' +
        'against a relay with no targets, which writes no journal, and read its cost as the slow target’s.',
    ],
  };
}
