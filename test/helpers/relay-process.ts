/** `dist/relay.js` as a child process on a free loopback port; whatever a file starts, it can kill. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const RELAY = join(__dirname, '..', '..', 'dist', 'relay.js');
/** A relay starts in well under a second; a machine busy with other test runs can take many times that. */
const START_TIMEOUT_MS = 30_000;

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RelayProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL, then waits for the exit; a no-op once it has exited. */
  kill(): Promise<void>;
}

export interface RelayOptions {
  /** Folder holding config.json. */
  root: string;
  dataDir: string;
  port?: number;
  /** Added to the environment; SONORAN_API_KEY is never inherited from the runner's own. */
  env?: Record<string, string>;
  /** The line that says it is up; a relay with PORT=off never prints "Relay listening". */
  ready?: string;
  /** A copy of the bundle elsewhere (a folder without node_modules). */
  script?: string;
}

export async function startRelay(options: RelayOptions): Promise<RelayProcess> {
  const script = options.script ?? RELAY;
  if (!existsSync(script)) throw new Error(`No relay at ${script}: run \`npm run build\` first`);
  const port = options.port ?? (await freePort());
  const { SONORAN_API_KEY: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [script], {
    env: {
      ...parentEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      SONORANCAD_ROOT: options.root,
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = options.ready ?? 'Relay listening';
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes(ready) && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!output.includes(ready)) {
    child.kill('SIGKILL');
    const why =
      child.exitCode === null ? `not listening after ${START_TIMEOUT_MS} ms` : `exited ${child.exitCode}`;
    throw new Error(`The relay did not start (${why}):\n${output}`);
  }
  return {
    child,
    port,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
