// Alerts: main-thread time to fan out one panic and one 911 call to a full server, to tell one unit of
// an attach, and the cost of one position-refresh tick with many panics at once. The alert modules run against an in-memory runtime;
// emitNet either only counts, or also serialises the payload as a stand-in for CitizenFX's msgpack.
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PLAYERS = 2048;
const ON_DUTY = 200;
const ACE_HOLDERS = 20;
const PANICS = 50;
const SAMPLES = 301;
const WARMUP = 50;
const TARGET_MS = 1;

async function loadModules() {
  const result = await build({
    stdin: {
      contents: [
        "export { createAlerts } from './src/core/alerts/alerts';",
        "export { AlertsSchema } from './src/core/alerts/config';",
        "export { UnitCache } from './src/core/cache/units';",
        "export { CallCache } from './src/core/cache/calls';",
        "export { createLogger } from './src/core/log';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(run) {
  for (let i = 0; i < WARMUP; i++) run(i);
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    run(WARMUP + i);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const license = (player) => player.toString(16).padStart(40, '0');

/** A server with PLAYERS connected: the first ON_DUTY are CAD units, the next ACE_HOLDERS hold the alert ACEs. */
function server(modules, serialise) {
  const ids = Array.from({ length: PLAYERS }, (_, i) => i + 1);
  const positions = new Map(ids.map((id) => [id, { x: id, y: -id, z: 30 }]));
  let interval = null;
  const counter = { sent: 0 };
  const runtime = {
    kind: 'fivem',
    resourceName: 'sonorancad',
    dataDir: root,
    setting: () => undefined,
    readFile: () => null,
    print: () => {},
    emit: () => {},
    on: () => {},
    onPlayer: () => {},
    emitNet: (_name, _player, payload) => {
      counter.sent++;
      if (serialise) JSON.stringify(payload);
    },
    registerExport: () => {},
    registerCommand: () => {},
    players: {
      // getPlayers() hands out a fresh array on every call.
      list: () => ids.slice(),
      identifiers: (player) => [
        `license:${license(player)}`,
        `discord:${10n ** 17n + BigInt(player)}`,
        `ip:10.0.0.${player % 250}`,
      ],
      name: (player) => `Player ${player}`,
      isAceAllowed: (player) => player > ON_DUTY && player <= ON_DUTY + ACE_HOLDERS,
      position: (player) => positions.get(player) ?? null,
    },
    timers: {
      now: () => 0,
      setTimeout: () => 0,
      clearTimeout: () => {},
      setInterval: (fn) => {
        interval = fn;
        return 1;
      },
      clearInterval: () => {
        interval = null;
      },
    },
    fetch,
  };
  const units = new modules.UnitCache(2000);
  for (let id = 1; id <= ON_DUTY; id++) {
    // CAD accounts store the id in upper case: the map has to normalise.
    units.set({
      id,
      data: {
        apiIds: [`LICENSE:${license(id).toUpperCase()}`],
        name: `Officer ${id}`,
        unitNum: `A-${id}`,
        department: 'LSPD',
      },
    });
  }
  // A dispatch call for every attach measured, linked to the 911 call measured before it.
  const calls = new modules.CallCache(WARMUP + SAMPLES);
  for (let callId = 0; callId < WARMUP + SAMPLES; callId++) {
    calls.setDispatch('CALL_NEW', {
      callId,
      title: 'Vehicle collision',
      code: '10-50',
      address: 'Route 68',
      postal: '8061',
      description: 'Two vehicles, one overturned',
      notes: [],
      idents: [],
      metaData: { origin911: callId },
    });
  }
  const alerts = modules.createAlerts({
    runtime,
    config: modules.AlertsSchema.parse({}),
    units,
    calls,
    log: modules.createLogger({ print: () => {} }),
  });
  return { alerts, positions, counter, tick: () => interval?.() };
}

const emergencyCall = (callId) => ({
  type: 'EVENT_911',
  call: {
    callId,
    isEmergency: true,
    caller: 'John Doe',
    location: 'Alta St / Las Lagunas Blvd',
    description: 'Shots fired outside the bank',
    metaData: { postal: '8061', x: '231.52', y: '-791.23', z: '30.60' },
  },
  identities: [],
});

function run(modules, serialise) {
  const world = server(modules, serialise);
  const { alerts, counter } = world;
  counter.sent = 0;
  alerts.handle({ type: 'EVENT_UNIT_PANIC', identIds: [1], isPanic: true });
  const recipients = counter.sent;

  const panic = measure(() => alerts.handle({ type: 'EVENT_UNIT_PANIC', identIds: [1], isPanic: true }));
  const call = measure((i) => alerts.handle(emergencyCall(i)));
  counter.sent = 0;
  // The CAD attaches one unit at a time; each run attaches an on-duty unit to a call of its own.
  const attach = measure((i) =>
    alerts.handle({ type: 'EVENT_DISPATCH_UNIT_ATTACH', callId: i, idents: [(i % ON_DUTY) + 1] }),
  );
  const attachSent = counter.sent / (WARMUP + SAMPLES);

  for (let id = 2; id <= PANICS; id++)
    alerts.handle({ type: 'EVENT_UNIT_PANIC', identIds: [id], isPanic: true });
  const still = measure(() => world.tick());
  counter.sent = 0;
  const moving = measure((i) => {
    for (let id = 1; id <= PANICS; id++) world.positions.set(id, { x: id + i * 5, y: -id, z: 30 });
    world.tick();
  });
  const movedPerTick = Math.round(counter.sent / (WARMUP + SAMPLES));
  return { recipients, panic, call, attach, attachSent, still, moving, movedPerTick };
}

const ms = (value) => `${value.toFixed(3)} ms`;

export default async function alertsBench() {
  const modules = await loadModules();
  const bare = run(modules, false);
  const packed = run(modules, true);
  const verdict = (value) => (value <= TARGET_MS ? 'within' : 'over');
  return {
    title: 'Alerts: fan-out and position refresh',
    lines: [
      `${PLAYERS} players connected, ${ON_DUTY} on duty (CAD units), ${ACE_HOLDERS} more with the alert ACEs: ` +
        `${bare.recipients} recipients per alert. Medians of ${SAMPLES} runs after ${WARMUP} warm-up runs.`,
      '',
      '| Work | emitNet only counts | emitNet also serialises the payload |',
      '| --- | --- | --- |',
      `| One panic press, fanned out | ${ms(bare.panic)} | ${ms(packed.panic)} |`,
      `| One 911 call, fanned out | ${ms(bare.call)} | ${ms(packed.call)} |`,
      `| One attach, to the attached unit's player (${bare.attachSent} net event) | ${ms(bare.attach)} | ${ms(packed.attach)} |`,
      `| Refresh tick, ${PANICS} panics, nobody moved | ${ms(bare.still)} | ${ms(packed.still)} |`,
      `| Refresh tick, ${PANICS} panics, all moved (${bare.movedPerTick} net events) | ${ms(bare.moving)} | ${ms(packed.moving)} |`,
      '',
      `Target for one fan-out: ≤ ${TARGET_MS} ms of main-thread time. Panic: ${verdict(packed.panic)}; ` +
        `911: ${verdict(packed.call)}; attach: ${verdict(packed.attach)} (with serialisation). The refresh tick runs every ` +
        `${modules.AlertsSchema.parse({}).panic.refreshSeconds} s by default.`,
    ],
  };
}
