/** `npm start`'s relay as a real process: routes, key, one log line per event, clean shutdown. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleText, TEST_KEY } from '../helpers/samples';

const RELAY = join(__dirname, '..', '..', 'dist', 'relay.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

interface Relay {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

const started: Relay[] = [];
const dirs: string[] = [];

async function startRelay(env: Record<string, string>): Promise<Relay> {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-relay-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'config.json'), '{}');
  const port = await freePort();
  const { SONORAN_API_KEY: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [RELAY], {
    env: {
      ...parentEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      SONORANCAD_ROOT: dir,
      DATA_DIR: join(dir, 'data'),
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const relay = { child, port, output: () => output, exited };
  started.push(relay);
  for (let i = 0; i < 100 && !output.includes('listening'); i += 1)
    await new Promise((r) => setTimeout(r, 50));
  return relay;
}

const push = (relay: Relay, body: string, path = '/sonorancad/event') =>
  fetch(`http://127.0.0.1:${relay.port}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });

afterEach(async () => {
  for (const relay of started.splice(0)) {
    relay.child.kill('SIGKILL');
    await relay.exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('standalone relay', () => {
  it('answers pushes, logs one line per event without the key, and stops cleanly on SIGTERM', async () => {
    const relay = await startRelay({ SONORAN_API_KEY: TEST_KEY });
    const ok = await push(relay, sampleText('EVENT_UNIT_PANIC.object.json'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    expect((await push(relay, sampleText('EVENT_911.json'), '/SonoranCAD/event?x=1')).status).toBe(200);
    expect((await push(relay, sampleText('EVENT_911.json'), '/event')).status).toBe(404);
    expect((await push(relay, sampleText('EVENT_911.json', 'wrong'))).status).toBe(401);

    await new Promise((r) => setTimeout(r, 100));
    const lines = relay.output().split('\n');
    expect(lines.filter((l) => /EVENT_UNIT_PANIC → 200 in [\d.]+ ms/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /EVENT_911 → 200 in [\d.]+ ms/.test(l))).toHaveLength(1);
    expect(relay.output()).not.toContain(TEST_KEY);

    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
    expect(relay.output()).toMatch(/SIGTERM: stopping/);
  });

  it('starts without a key and answers 503 with an explanation', async () => {
    const relay = await startRelay({});
    const reply = await push(relay, sampleText('EVENT_911.json'));
    expect(reply.status).toBe(503);
    expect(await reply.json()).toMatchObject({ error: 'not_configured' });
    expect(relay.output()).toMatch(/SONORAN_API_KEY/);
  });

  it('runs console commands from standard input', async () => {
    const relay = await startRelay({ SONORAN_API_KEY: TEST_KEY });
    relay.child.stdin?.write('sonorancad help\n');
    for (let i = 0; i < 40 && !relay.output().includes('Usage: sonorancad'); i += 1) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(relay.output()).toContain('Usage: sonorancad');
  });
});
