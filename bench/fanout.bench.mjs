// Fan-out on the built relay (dist/relay.js) in child processes: the reply to a push against 1, 10 and
// 100 accepting targets (all on one local receiver), pushes sent one after another so each arrives
// while the previous one's deliveries run; the relay's main-thread CPU per push (Linux /proc, from the
// first measured push until the receiver has every delivery); and CPU per delivery against a bare
// keep-alive http.request POST of the same body to the same receiver, in the same run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pushTo, startRelay as startChildRelay } from './relay-child.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const KEY = 'bench-key-0123456789';
const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/sonoran/EVENT_911.object.json'), 'utf8'));
const ARMS = [1, 10, 100];
const WARMUP_PUSHES = 100;
const PUSHES = 400;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGETS = { p50Ratio: 2, cpuRatio: 1.5 };

const pushBody = (callId) =>
  JSON.stringify({ ...sample, key: KEY, data: { ...sample.data, call: { ...sample.data.call, callId } } });

/** Main-thread CPU of process `pid` in ms (utime + stime of its first task; clock ticks of 10 ms). */
function mainThreadMs(pid) {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** One receiver for every target: answers 200 at once and counts what it got. */
async function startReceiver() {
  const seen = { count: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.count += 1;
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    seen,
    url: `http://127.0.0.1:${server.address().port}`,
    stop() {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function startRelay(targets, receiverUrl) {
  const forwarding = {
    targets: Array.from({ length: targets }, (_, i) => ({ name: `t${i}`, url: `${receiverUrl}/hook/${i}` })),
  };
  const relay = await startChildRelay(forwarding, KEY);
  return { ...relay, cpuMs: () => mainThreadMs(relay.child.pid) };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One push; resolves with its latency in ms, or rejects unless it was answered 200. */
async function push(port, body) {
  const { status, ms } = await pushTo(agent, port, body);
  if (status !== 200) throw new Error(`HTTP ${status}`);
  return ms;
}

const until = async (predicate, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** One arm: warm-up, then PUSHES one after another; reply times, and CPU until every delivery is in. */
async function arm(targets, receiver) {
  const relay = await startRelay(targets, receiver.url);
  try {
    const start = receiver.seen.count;
    for (let i = 0; i < WARMUP_PUSHES; i += 1) await push(relay.port, pushBody(i));
    await until(() => receiver.seen.count - start >= WARMUP_PUSHES * targets, 120_000);
    const cpuBefore = relay.cpuMs();
    const measuredFrom = receiver.seen.count;
    const replies = [];
    for (let i = 0; i < PUSHES; i += 1) replies.push(await push(relay.port, pushBody(WARMUP_PUSHES + i)));
    await until(() => receiver.seen.count - measuredFrom >= PUSHES * targets, 300_000);
    return { replies, cpuMs: relay.cpuMs() - cpuBefore };
  } finally {
    await relay.stop();
  }
}

/** The bare POST: the same keyless body, as many lanes as the widest arm, in a child process of its own. */
async function barePost(receiver, count) {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-bench-bare-'));
  try {
    const { key: _key, ...keyless } = JSON.parse(pushBody(1));
    const file = join(dir, 'body.json');
    writeFileSync(file, JSON.stringify(keyless));
    const child = spawn(
      process.execPath,
      [join(here, 'bare-post.mjs'), `${receiver.url}/bare`, String(count), '100', file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    await once(child, 'exit');
    return Number(out.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function run() {
  const receiver = await startReceiver();
  const results = Object.fromEntries(ARMS.map((targets) => [targets, { replies: [], cpuMs: 0 }]));
  let bareMs = 0;
  try {
    // Arms alternate within each round, so all of them see the same machine noise.
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const targets of round % 2 ? [...ARMS].reverse() : ARMS) {
        const { replies, cpuMs } = await arm(targets, receiver);
        results[targets].replies.push(...replies);
        results[targets].cpuMs += cpuMs;
      }
      bareMs += await barePost(receiver, PUSHES * 100);
    }
  } finally {
    receiver.stop();
    agent.destroy();
  }
  const pushes = PUSHES * ROUNDS;
  const p50 = (targets) => percentile(results[targets].replies, 50);
  const p99 = (targets) => percentile(results[targets].replies, 99);
  const cpuPerPush = (targets) => (results[targets].cpuMs * 1000) / pushes; // µs
  const perDelivery = (cpuPerPush(100) - cpuPerPush(1)) / 99;
  const barePerPost = (bareMs * 1000) / (pushes * 100);
  const p50Ratio = p50(100) / p50(1);
  const cpuRatio = perDelivery / barePerPost;
  const verdict = (ok) => (ok ? 'meets target' : '**misses target**');
  const ms = (value) => `${value.toFixed(2)} ms`;
  return {
    title: 'Forwarding: fan-out to 1, 10 and 100 targets (dist/relay.js)',
    lines: [
      '| Targets | Reply p50 | Reply p99 | Main-thread CPU per push |',
      '|---|---|---|---|',
      ...ARMS.map(
        (targets) =>
          `| ${targets} | ${ms(p50(targets))} | ${ms(p99(targets))} | ${cpuPerPush(targets).toFixed(0)} µs |`,
      ),
      '',
      '| Measure | Result | Target | |',
      '|---|---|---|---|',
      `| Reply p50, 100 targets vs 1 | ${p50Ratio.toFixed(2)}× | ≤ ${TARGETS.p50Ratio}× | ${verdict(p50Ratio <= TARGETS.p50Ratio)} |`,
      `| CPU per delivery ((100 targets − 1) / 99) vs a bare keep-alive POST | ${perDelivery.toFixed(1)} µs vs ${barePerPost.toFixed(1)} µs: ${cpuRatio.toFixed(2)}× | ≤ ${TARGETS.cpuRatio}× | ${verdict(cpuRatio <= TARGETS.cpuRatio)} |`,
      '',
      `${ROUNDS} rounds; per round a fresh relay per arm gets ${WARMUP_PUSHES} warm-up pushes and then ${PUSHES} measured ones, each sent as soon as the previous was answered (one keep-alive connection), so a push lands while the previous push's deliveries run. ` +
        "CPU runs from the first measured push until the receiver (one local server for every target, answering 200 at once) has every delivery. The bare POST sends the same keyless body with the forwarder's headers, 100 requests at a time, each lane one after another, in a child process measured the same way.",
    ],
  };
}
