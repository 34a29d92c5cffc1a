/**
 * The standalone relay in a child process, killed with SIGKILL while it delivers and started again on
 * the same DATA_DIR: every push it answered 200 reaches the target (duplicates carry the same webhook-id).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushes } from './harness';
import { type Receiver, startReceiver, until } from './receiver';

const KEY = 'crash-test-key-0d7e21';
const EVENTS = 150;
const RELAY = resolve(__dirname, '../../dist/relay.js');
const work = mkdtempSync(join(tmpdir(), 'sonorancad-crash-'));

/** Every relay started, so a failing test still kills what it left running. */
const started: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(RELAY)) throw new Error(`No relay at ${RELAY}: run \`npm run build\` first`);
});
afterAll(async () => {
  for (const child of started) await kill(child);
  rmSync(work, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

interface Relay {
  child: ChildProcess;
  output: string[];
}

async function startRelay(port: number, root: string, dataDir: string): Promise<Relay> {
  const child = spawn(process.execPath, [RELAY], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SONORAN_API_KEY: KEY,
      SONORANCAD_ROOT: root,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n')));
  await until(() => output.some((line) => line.includes('Relay listening')), 'the relay to listen');
  return { child, output };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}

const callIdOf = (body: string) => (JSON.parse(body).data as { call: { callId: number } }).call.callId;

describe('the relay killed mid-delivery', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver(() => ({ delayMs: 8 }));
  });
  afterAll(() => receiver.close());

  it('delivers every accepted event after each restart', async () => {
    const root = join(work, 'root');
    const dataDir = join(work, 'data');
    mkdirSync(root);
    writeFileSync(
      join(root, 'config.json'),
      JSON.stringify({ forwarding: { targets: [{ name: 'sink', url: receiver.url }] } }),
    );
    const port = await freePort();
    const accepted = new Set<number>();
    let relay = await startRelay(port, root, dataDir);
    const outputs = [relay.output];

    // Pushes keep coming while the first kill lands, so some are answered and some are cut off.
    const pushing = (async () => {
      for (let callId = 1; callId <= EVENTS; callId += 1) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/sonorancad/event`, {
            method: 'POST',
            body: JSON.stringify({ key: KEY, ...pushes.call911(callId) }),
          });
          if (response.status === 200) accepted.add(callId);
        } catch {
          // The relay was killed before it answered: not accepted, so not owed.
        }
      }
    })();

    for (const after of [20, 60]) {
      await until(() => receiver.requests.length >= after, `${after} deliveries`, 10_000);
      await kill(relay.child);
      relay = await startRelay(port, root, dataDir);
      outputs.push(relay.output);
    }
    await pushing;
    expect(accepted.size).toBeGreaterThan(60);

    const delivered = () => new Set(receiver.requests.map((request) => callIdOf(request.body)));
    await until(
      () => [...accepted].every((callId) => delivered().has(callId)),
      'every accepted event',
      20_000,
    );
    await kill(relay.child);

    // A duplicate (an attempt the kill cut short) is the same message: same id, same bytes.
    const firstSeen = new Map<number, { id: unknown; body: string }>();
    for (const request of receiver.requests) {
      const callId = callIdOf(request.body);
      const first = firstSeen.get(callId);
      if (first) expect({ id: request.headers['webhook-id'], body: request.body }).toEqual(first);
      else firstSeen.set(callId, { id: request.headers['webhook-id'], body: request.body });
    }
    expect(
      outputs.flat().filter((line) => line.includes('undelivered event(s) from the journal')),
    ).not.toHaveLength(0);
  });
});
