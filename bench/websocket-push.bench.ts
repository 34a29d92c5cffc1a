/**
 * Main-thread time per push, websocket against HTTP, for the same event. HTTP: FXServer's handler
 * adapter called as FXServer calls it (body already buffered). Websocket: the hub's text frame handed to
 * the SignalR client as its socket would hand it over, so the client's own frame parsing counts too.
 * Each transport runs in its own relay-style instance (no players, forwarding off, no event log line).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as signalR from '@microsoft/signalr';
import { start } from '../src/core/start';
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

/** The client's frame entry point, as its WebSocket transport calls it (not public API). */
type FrameSink = {
  connection: { onreceive(data: string): void };
  on(method: string, handler: () => void): void;
};
/** A hub method whose handler does nothing: what the SignalR client alone costs per push. */
const CLIENT_ONLY = 'benchClientOnly';

export default async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-bench-ws-'));
  const hub = await startHub({ apiKey: KEY });
  // Catch the HubConnection the session builds, to feed it frames directly.
  let client: FrameSink | null = null;
  const on = signalR.HubConnection.prototype.on;
  signalR.HubConnection.prototype.on = function (this: signalR.HubConnection, ...args) {
    client = this as unknown as FrameSink;
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
  const sink: FrameSink = client;
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
      const frame = (argument: unknown, target = 'pushEvent') =>
        `${JSON.stringify({ type: 1, target, arguments: [argument] })}\x1e`;
      const asObject = frame(event);
      const asString = frame(body);
      const objectToNothing = frame(event, CLIENT_ONLY);
      const stringToNothing = frame(body, CLIENT_ONLY);
      const [viaHttp, viaObject, viaString, clientObject, clientString] = await compareBatches([
        () => handler(req, res),
        () => sink.connection.onreceive(asObject),
        () => sink.connection.onreceive(asString),
        () => sink.connection.onreceive(objectToNothing),
        () => sink.connection.onreceive(stringToNothing),
      ]);
      if (status() !== 200) throw new Error(`${file} was answered ${status()}`);
      ratios.push(viaObject!.ratio, viaString!.ratio);
      const cell = (m: { micros: number; ratio: number }) =>
        `${m.micros.toFixed(2)} µs (${m.ratio.toFixed(2)}×)`;
      rows.push(
        `| ${file.replace('.object.json', '')} | ${viaHttp!.micros.toFixed(2)} µs | ${cell(viaObject!)} | ${cell(viaString!)} | ${cell(clientObject!)} | ${cell(clientString!)} |`,
      );
    }
  } finally {
    signalR.HubConnection.prototype.on = on;
    await Promise.all([http.stop(), websocket.stop()]);
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const worst = Math.max(...ratios);
  return {
    title: 'Main-thread time per push: websocket against HTTP',
    lines: [
      `CPU time per push in alternating batches of ${BATCH} (HTTP, object, string, then the same two frames to a hub method that does nothing; ${ROUNDS} rounds after a warm-up), each transport in its own instance (no players, forwarding off); a ratio is the median of the per-batch ratios to HTTP. Target: websocket ≤ ${TARGET_RATIO}× HTTP.`,
      '',
      '| event | HTTP (FXServer handler) | websocket, object argument | websocket, JSON string argument | SignalR client alone, object | SignalR client alone, string |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `Worst ratio ${worst.toFixed(2)}: ${worst <= TARGET_RATIO ? 'meets the target' : '**misses the target**'}.`,
      "The websocket columns include the SignalR client's handling of the frame (parsing, a server-timeout",
      'timer reset, an async dispatch), which HTTP has no counterpart for in JavaScript (FXServer hands the',
      'body over as a string); the last two columns show that part alone. Ratios are medians of per-batch',
      'ratios, so a column is not exactly the quotient of the medians.',
    ],
  };
}
