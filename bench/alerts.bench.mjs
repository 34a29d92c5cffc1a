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
/** Server sizes compared for the cost of one alert with the same recipients. */
const SIZES = [128, 2048];
const FEW_RECIPIENTS = 20;
const TARGET_SPREAD = 0.1;

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

/**
 * qb-core as the alerts stage reads it at start: the first `police` players on duty as police, everyone
 * else unemployed.
 */
function qbCore(ids, police) {
  const players = Object.fromEntries(
    ids.map((id) => [
      String(id),
      {
        PlayerData: {
          source: id,
          job: {
            name: id <= police ? 'police' : 'unemployed',
            type: id <= police ? 'leo' : 'none',
            onduty: true,
          },
        },
      },
    ]),
  );
  return (resource, name) => {
    if (resource !== 'qb-core' || name !== 'GetCoreObject') throw new Error(`no export ${resource}.${name}`);
    return { Functions: { GetQBPlayers: () => players } };
  };
}

/**
 * A server with `players` connected: the first `onDuty` are CAD units, the next `aceHolders` hold the
 * alert ACEs; with `police`, qb-core runs and that many players hold its police job.
 */
function server(
  modules,
  serialise,
  { players = PLAYERS, onDuty = ON_DUTY, aceHolders = ACE_HOLDERS, police = 0, recipients } = {},
) {
  const ids = Array.from({ length: players }, (_, i) => i + 1);
  const positions = new Map(ids.map((id) => [id, { x: id, y: -id, z: 30 }]));
  const intervals = new Map();
  const counter = { sent: 0 };
  const runtime = {
    kind: 'fivem',
    resourceName: 'sonorancad',
    dataDir: root,
    setting: () => undefined,
    resourceState: (name) => (police > 0 && name === 'qb-core' ? 'started' : 'missing'),
    callExport: qbCore(ids, police),
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
      isAceAllowed: (player) => player > onDuty && player <= onDuty + aceHolders,
      position: (player) => positions.get(player) ?? null,
    },
    timers: {
      now: () => 0,
      setTimeout: () => 0,
      clearTimeout: () => {},
      setInterval: (fn) => {
        const id = intervals.size + 1;
        intervals.set(id, fn);
        return id;
      },
      clearInterval: (id) => intervals.delete(id),
    },
    fetch,
  };
  const units = new modules.UnitCache(2000);
  for (let id = 1; id <= onDuty; id++) {
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
    config: modules.AlertsSchema.parse(
      recipients ? { panic: { recipients }, emergencyCall: { recipients } } : {},
    ),
    units,
    calls,
    log: modules.createLogger({ print: () => {} }),
  });
  // The last interval set is the panic refresh (the first refreshes ACE answers).
  return { alerts, positions, counter, tick: () => [...intervals.values()].at(-1)?.() };
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

/** CPU time in ms: other work on this shared machine does not inflate it. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const BATCH = 200;
const ROUNDS = 41;

/**
 * One panic press and one 911 call to the same FEW_RECIPIENTS players on each server size: batches
 * alternate between the sizes, and each round's ratio largest ÷ smallest is kept; medians reported.
 */
function bySize(modules) {
  const byAce = SIZES.map((players) =>
    server(modules, true, { players, onDuty: 0, aceHolders: FEW_RECIPIENTS }),
  );
  // A tone reaches units, not ACE holders: the same few players as LSPD units.
  const byUnit = SIZES.map((players) =>
    server(modules, true, { players, onDuty: FEW_RECIPIENTS, aceHolders: 0 }),
  );
  // The same few players by a framework job rule: every other player holds a job too (unemployed).
  const byJob = SIZES.map((players) =>
    server(modules, true, {
      players,
      onDuty: 0,
      aceHolders: 0,
      police: FEW_RECIPIENTS,
      recipients: [{ job: ['police'] }],
    }),
  );
  const works = {
    panic: [
      byAce,
      (world) => world.alerts.handle({ type: 'EVENT_UNIT_PANIC', identIds: [1], isPanic: true }),
    ],
    call: [byAce, (world, i) => world.alerts.handle(emergencyCall(i))],
    jobPanic: [
      byJob,
      (world) => world.alerts.handle({ type: 'EVENT_UNIT_PANIC', identIds: [1], isPanic: true }),
    ],
    jobCall: [byJob, (world, i) => world.alerts.handle(emergencyCall(i))],
    tone: [
      byUnit,
      (world) =>
        world.alerts.handle({
          type: 'EVENT_TONE',
          url: 'https://s3.sonoransoftware.com/tone.mp3',
          playTonesTo: [{ type: 3, value: 'lspd', label: 'LSPD' }],
        }),
    ],
  };
  const out = {};
  for (const [name, [worlds, work]] of Object.entries(works)) {
    const times = worlds.map(() => []);
    const ratios = [];
    let call = 0;
    for (let round = 0; round < WARMUP / 10 + ROUNDS; round++) {
      const perWorld = worlds.map((world) => {
        const start = cpuMs();
        for (let i = 0; i < BATCH; i++) work(world, call++);
        return (cpuMs() - start) / BATCH;
      });
      if (round < WARMUP / 10) continue;
      for (const [i, time] of perWorld.entries()) times[i].push(time);
      ratios.push(perWorld.at(-1) / perWorld[0]);
    }
    out[name] = { times: times.map(median), ratio: median(ratios) };
  }
  for (const world of [...byAce, ...byUnit, ...byJob]) {
    if (world.counter.sent === 0) throw new Error('no alert went out');
  }
  return out;
}

const ms = (value) => `${value.toFixed(3)} ms`;

export default async function alertsBench() {
  const modules = await loadModules();
  const bare = run(modules, false);
  const packed = run(modules, true);
  const sizes = bySize(modules);
  const sizeRow = (label, m) =>
    `| ${label} | ${m.times.map((t) => `${(t * 1000).toFixed(1)} µs`).join(' | ')} | ${m.ratio.toFixed(2)} | ${Math.abs(m.ratio - 1) <= TARGET_SPREAD ? 'met' : '**NOT met**'} |`;
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
      '',
      `### One alert to ${FEW_RECIPIENTS} recipients, by server size (the alerts stage alone)`,
      '',
      `The same ${FEW_RECIPIENTS} players hold the alert ACEs, nobody is on duty (for the tone: the same players are the department's units, nobody holds an ACE; ` +
        `for a job rule: recipients \`[{ "job": ["police"] }]\`, the same players on duty as qb-core police, every other player unemployed); emitNet serialises the payload. ` +
        `CPU time per alert in alternating batches of ${BATCH}; the ratio is the median of the per-batch ratios. ` +
        `Target: within ${TARGET_SPREAD * 100}% (recipient sets are kept up to date, not scanned per alert).`,
      '',
      `| alert | ${SIZES.map((n) => `${n} players`).join(' | ')} | ${SIZES.at(-1)} ÷ ${SIZES[0]} | within ${TARGET_SPREAD * 100}% |`,
      `| --- | ${SIZES.map(() => '---').join(' | ')} | --- | --- |`,
      sizeRow('panic press', sizes.panic),
      sizeRow('911 call', sizes.call),
      sizeRow('tone to a department', sizes.tone),
      sizeRow('panic press, job rule', sizes.jobPanic),
      sizeRow('911 call, job rule', sizes.jobCall),
    ],
  };
}
