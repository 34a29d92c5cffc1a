/** `npm start`: the same pipeline as the FiveM resource, behind node:http. */
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { start } from '../core/start';
import { createConsoleLines } from './console-lines';
import { createRelayServer } from './http-server';
import { createNodeRuntime } from './node-runtime';
import { targetsApiFromSettings } from './targets-api-setup';

const DEFAULT_PORT = 30150;
const lines = createConsoleLines((text) => process.stdout.write(text));
const root = resolve(process.env.SONORANCAD_ROOT ?? process.cwd());
const runtime = createNodeRuntime({
  root,
  dataDir: resolve(process.env.DATA_DIR ?? join(root, 'data')),
  env: process.env,
  print: lines.print,
});
const started = start(runtime);
// PORT=off: pushes arrive over the websocket alone, with no inbound port to open (a host behind NAT).
const listening = process.env.PORT?.trim().toLowerCase() !== 'off';
const port = Number(process.env.PORT ?? DEFAULT_PORT);
const host = process.env.HOST ?? '0.0.0.0';
const server = listening
  ? createRelayServer(started.exchange, runtime.resourceName, {
      maxBodyBytes: started.maxBodyBytes,
      limits: started.http,
      log: started.log.child('http'),
      api: targetsApiFromSettings(runtime, started, started.log),
    })
  : null;

if (server) {
  server.on('error', (error) => {
    started.log.error(`Cannot listen on ${host}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    started.log.info(`Relay listening on http://${host}:${port}/${runtime.resourceName}/event`);
  });
} else {
  const websocket = started.websocket();
  if (websocket.open) {
    started.log.info(
      'Relay running without an HTTP listener (PORT=off): pushes arrive over the websocket only.',
    );
  } else {
    // Nothing can reach this relay: say so as an error, not as the info line above.
    started.log.error(
      `Relay running without an HTTP listener (PORT=off) and without a websocket session (${websocket.reason}): ` +
        'it receives no pushes. Set SONORAN_COMMUNITY_ID, SONORAN_SERVER_ID and SONORAN_API_KEY, or a PORT.',
    );
  }
}

// Console commands, as typed into the FXServer console: `sonorancad status`.
createInterface({ input: process.stdin }).on('line', (line) => {
  const [name, ...args] = line.trim().split(/\s+/);
  const handler = name ? runtime.commands.get(name) : undefined;
  if (handler) handler(0, args);
  else if (name) started.log.warn(`Unknown command "${name}".`);
});

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  started.log.info(`${signal}: stopping.`);
  const closing = started.stop();
  const http = new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  // The hub gets its Close message before the process ends.
  void Promise.all([closing, http]).then(() => process.exit(0));
  // Do not let a stuck client hold the process open.
  setTimeout(() => process.exit(0), 3000).unref();
};
// Lines still pending when the process ends go out with it (stdout writes to pipes and files are synchronous).
process.on('exit', () => lines.flush());
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
