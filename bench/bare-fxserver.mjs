// The built dist/server.js loaded the way FXServer loads a server script, with natives that do nothing:
// a classic script in its own context, FiveM's globals defined beside Node's, the HTTP handler called
// with the body delivered inside setDataHandler. Unlike the test double it emulates no msgpack and no
// sandbox, so what it times is the resource's own main-thread work.
//
// Run one job per fresh process (the globals are process-wide, and a start must compile cold):
//   node bench/bare-fxserver.mjs start <resourceDir>
//   node bench/bare-fxserver.mjs push <resourceDir> <players> <aceHolders>
// Each prints one JSON line with its timings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const BENCH_KEY = 'bench-key-0123456789';
const RESOURCE = 'sonorancad';

const license = (player) => `license:${player.toString(16).padStart(40, '0')}`;

/** FiveM's server globals, each as cheap as a native can be; events are kept so players can join. */
function installNatives(resourceDir, players, aceHolders) {
  const handlers = new Map();
  const printed = [];
  const sent = { count: 0 };
  let httpHandler = null;
  const online = new Set(Array.from({ length: players }, (_, i) => i + 1));
  const natives = {
    GetCurrentResourceName: () => RESOURCE,
    GetResourcePath: () => resourceDir,
    GetConvar: (name, fallback) => (name === 'sonoran_apiKey' ? BENCH_KEY : fallback),
    GetConvarInt: (_name, fallback) => fallback,
    LoadResourceFile: (_resource, path) => {
      try {
        return readFileSync(join(resourceDir, path), 'utf8');
      } catch {
        return null;
      }
    },
    SaveResourceFile: () => true,
    on: (name, handler) => {
      const list = handlers.get(name) ?? [];
      list.push(handler);
      handlers.set(name, list);
    },
    emit: () => {},
    emitNet: () => {
      sent.count += 1;
    },
    RegisterCommand: () => {},
    getPlayers: () => [...online].map(String),
    getPlayerIdentifiers: (player) => [license(Number(player)), `ip:10.0.0.${Number(player) % 250}`],
    GetPlayerName: (player) => `Player ${player}`,
    // The first `aceHolders` players hold every alert ACE.
    IsPlayerAceAllowed: (player) => Number(player) <= aceHolders,
    GetPlayerPed: (player) => Number(player),
    GetEntityCoords: (ped) => [ped, -ped, 30],
    SetHttpHandler: (handler) => {
      httpHandler = handler;
    },
    exports: () => {},
    source: null,
    require: createRequire(join(resourceDir, 'fxmanifest.lua')),
  };
  Object.assign(globalThis, natives);
  // FXServer's console is its own and long up when a resource starts; Node's first console.log would
  // set up stdout inside the timed start. Lines are kept, not printed: the job prints JSON only.
  globalThis.console = Object.assign(Object.create(console), {
    log: (...args) => printed.push(args.join(' ')),
    info: (...args) => printed.push(args.join(' ')),
    warn: (...args) => printed.push(args.join(' ')),
  });
  const trigger = (name, source, ...args) => {
    globalThis.source = source;
    for (const handler of handlers.get(name) ?? []) handler(...args);
    globalThis.source = null;
  };
  return {
    trigger,
    printed,
    /** Net events sent so far: proves an alert went out. */
    sent,
    handler: () => httpHandler,
    join(player) {
      online.add(player);
      trigger('playerJoining', player);
    },
    drop(player) {
      online.delete(player);
      trigger('playerDropped', player, 'left');
    },
  };
}

/** CPU time of this process in µs: unlike the wall clock, it does not count time other processes had the core. */
function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Compiles and runs the bundle, then starts the resource. Each step in ms, as wall-clock time and as
 * CPU time (the machine is shared: CPU time leaves out the time other processes had the core).
 */
export function loadResource({ resourceDir, players = 0, aceHolders = 0, bundle = 'dist/server.js' }) {
  const host = installNatives(resourceDir, players, aceHolders);
  const code = readFileSync(join(root, bundle), 'utf8');
  const marks = [[performance.now(), cpuMicros()]];
  const mark = () => marks.push([performance.now(), cpuMicros()]);
  const script = new vm.Script(code, { filename: `@${RESOURCE}/${bundle}` });
  mark();
  script.runInThisContext();
  mark();
  host.trigger('onResourceStart', null, RESOURCE);
  mark();
  const step = (i) => ({
    wall: marks[i + 1][0] - marks[i][0],
    cpu: (marks[i + 1][1] - marks[i][1]) / 1000,
  });
  return { host, timings: { compile: step(0), evaluate: step(1), start: step(2) } };
}

/**
 * One push through the registered handler exactly as FXServer makes it: the body is already buffered,
 * so it arrives inside setDataHandler. The request and response objects are FXServer's to build (from
 * msgpack), so they are built once here, not timed with every call.
 */
export function pushCall(handler, body) {
  let status = 0;
  const req = {
    address: '203.0.113.5:40000',
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
    method: 'POST',
    path: '/event',
    setDataHandler: (cb) => cb(body),
    setCancelHandler: () => {},
  };
  const res = {
    writeHead(code) {
      status = code;
    },
    send() {},
  };
  return { call: () => handler(req, res), status: () => status };
}

function batchMicros(fn, batch) {
  const start = cpuMicros();
  for (let i = 0; i < batch; i++) fn();
  return (cpuMicros() - start) / batch;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * µs of CPU per call of `fn` and of `reference`, in alternating batches, and the median of the per-round
 * ratios: the machine is shared, so only what is measured side by side is compared. Batches spread
 * timer resolution and garbage collection over many calls.
 */
export function compare(fn, reference, { batch = 500, rounds = 61, warmup = 10 } = {}) {
  const times = [];
  const references = [];
  const ratios = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const time = batchMicros(fn, batch);
    const base = batchMicros(reference, batch);
    if (round < warmup) continue;
    times.push(time);
    references.push(base);
    ratios.push(time / base);
  }
  return { micros: median(times), reference: median(references), ratio: median(ratios) };
}

async function main([job, resourceDir, players = '0', aceHolders = '0']) {
  if (job === 'start') {
    const { timings } = loadResource({ resourceDir });
    process.stdout.write(`${JSON.stringify(timings)}\n`);
    return;
  }
  if (job === 'push') {
    const { host } = loadResource({
      resourceDir,
      players: Number(players),
      aceHolders: Number(aceHolders),
    });
    const handler = host.handler();
    const results = {};
    for (const file of (
      process.env.BENCH_ONLY ?? 'EVENT_911.object.json,EVENT_UNIT_STATUS.object.json'
    ).split(',')) {
      const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/sonoran', file), 'utf8'));
      const body = JSON.stringify({ ...sample, key: BENCH_KEY });
      const push = pushCall(handler, body);
      const before = host.sent.count;
      const measured = compare(push.call, () => JSON.parse(body));
      if (push.status() !== 200) throw new Error(`${file} was answered ${push.status()}`);
      results[file.replace('.object.json', '')] = { ...measured, netEvents: host.sent.count - before };
    }
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return;
  }
  throw new Error(`unknown job ${job}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
  process.exit(0);
}
