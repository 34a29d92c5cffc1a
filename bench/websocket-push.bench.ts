/**
 * Main-thread time per push, websocket against HTTP, for the same event, each from the bytes its
 * platform received. HTTP: FXServer's handler adapter called as FXServer calls it (body already
 * buffered), the body decoded from its bytes per call. Websocket: the hub's text frame decoded from its
 * bytes and handed to the hub client as its socket handler does (`HubClient.receive`), so the client's
 * own frame handling counts too. Each transport runs in its own relay-style instance (no players,
 * forwarding off, no event log line).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { start } from '../src/core/start';
import { HubClient } from '../src/core/websocket/hub-client';
import { createFxHttpHandler } from '../src/server/http-handler';
import { createNodeRuntime } from '../src/standalone/node-runtime';
import { startHub } from '../test/doubles/hub/hub';
import { BATCH, compareBatches, fxPost, ROUNDS } from './fx-post';

const KEY = 'bench-key-0123456789';
const TARGET_RATIO = 1.1;
const fixtures = join(process.cwd(), 'test', 'fixtures', 'sonoran');

function instance(dir: string, config: object, env: Record<string, string> = {}) {
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ logEvents: false, ...config }));
  const runtime = createNodeRuntime({
    root: dir,
    dataDir: join(dir, 'data'),
    env: { SONORAN_API_KEY: KEY, ...env },
    print: () => {},
  });
  return start(runtime);
}

/** A hub method whose handler does nothing: what the hub client alone costs per push. */
const CLIENT_ONLY = 'benchClientOnly';

export default async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-bench-ws-'));
  const hub = await startHub({ apiKey: KEY });
  // Catch the HubConnection the session builds, to feed it frames directly.
  let client: HubClient | null = null;
  const on = HubClient.prototype.on;
  HubClient.prototype.on = function (this: HubClient, ...args) {
    client = this;
    return on.apply(this, args);
  };
  const http = instance(mkdtempSync(join(dir, 'http-')), { websocket: { enabled: false } });
  const websocket = instance(
    mkdtempSync(join(dir, 'ws-')),
    { websocket: { hubUrl: hub.url } },
    { SONORAN_COMMUNITY_ID: 'bench', SONORAN_SERVER_ID: '1' },
  );
  for (let i = 0; i < 400 && hub.authenticated().length === 0; i += 1) await sleep(10);
  if (!client || hub.authenticated().length === 0) throw new Error('the websocket session did not open');
  const sink: HubClient = client;
  sink.on(CLIENT_ONLY, () => {});
  const handler = createFxHttpHandler(http.exchange, {
    now: Date.now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  });

  const rows: string[] = [];
  const ratios: number[] = [];
  try {
    for (const file of ['EVENT_911.object.json', 'EVENT_UNIT_STATUS.object.json']) {
      const event = { ...JSON.parse(readFileSync(join(fixtures, file), 'utf8')), key: KEY };
      const body = JSON.stringify(event);
      const { req, res, status } = fxPost(body);
      // The frame's bytes, decoded per call as the client's socket handler does with each message.
      const frame = (argument: unknown, target = 'pushEvent') =>
        Buffer.from(`${JSON.stringify({ type: 1, target, arguments: [argument] })}\x1e`);
      const asObject = frame(event);
      const asString = frame(body);
      const objectToNothing = frame(event, CLIENT_ONLY);
      const stringToNothing = frame(body, CLIENT_ONLY);
      // The hub wraps a string push in a second layer of JSON: decoding it is work an HTTP body never
      // needs in JavaScript, measured alone here.
      const literal = JSON.stringify(body);
      const [viaHttp, viaObject, viaString, clientObject, clientString, decode] = await compareBatches([
        () => handler(req, res),
        () => sink.receive(String(asObject)),
        () => sink.receive(String(asString)),
        () => sink.receive(String(objectToNothing)),
        () => sink.receive(String(stringToNothing)),
        () => JSON.parse(literal),
      ]);
      if (status() !== 200) throw new Error(`${file} was answered ${status()}`);
      ratios.push(viaObject!.ratio, viaString!.ratio);
      const cell = (m: { micros: number; ratio: number }) =>
        `${m.micros.toFixed(2)} µs (${m.ratio.toFixed(2)}×)`;
      rows.push(
        `| ${file.replace('.object.json', '')} | ${viaHttp!.micros.toFixed(2)} µs | ${cell(viaObject!)} | ${cell(viaString!)} | ${cell(clientObject!)} | ${cell(clientString!)} | ${cell(decode!)} |`,
      );
    }
  } finally {
    HubClient.prototype.on = on;
    await Promise.all([http.stop(), websocket.stop()]);
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const worst = Math.max(...ratios);
  return {
    title:
      'Main-thread time per push: websocket against HTTP (no players, so no alerts: not the shipped load)',
    lines: [
      `CPU time per push in alternating batches of ${BATCH} (HTTP, object, string, the same two frames to a hub method that does nothing, then the string's decode alone; ${ROUNDS} rounds after a warm-up), each transport in its own instance (no players, forwarding off); a ratio is the median of the per-batch ratios to HTTP. Target: websocket ≤ ${TARGET_RATIO}× HTTP.`,
      '',
      '| event | HTTP (FXServer handler) | websocket, object argument | websocket, JSON string argument | hub client alone, object | hub client alone, string | of which decoding the string |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `Worst ratio ${worst.toFixed(2)}: ${worst <= TARGET_RATIO ? 'meets the target' : '**misses the target**'}.`,
      'Both sides start from bytes: the HTTP body decoded into the string FXServer hands the handler, the',
      "hub's text frame decoded as the client's socket handler does. The client recognises the usual",
      'one-argument call by its text and parses only the argument; an object argument keeps its bytes',
      'from the frame. A string argument is the push wrapped in a second layer of JSON, so the client',
      "decodes that string (the last column) before the push's own JSON is parsed: that decode is the",
      "string form's cost above the object form's. Ratios are medians of per-batch ratios, so a column",
      'is not exactly the quotient of the medians.',
    ],
  };
}
