/** `npm start`'s relay as a real process: routes, key, one log line per event, clean shutdown. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelay } from '../helpers/relay-process';
import { sampleText, TEST_KEY } from '../helpers/samples';

const started: RelayProcess[] = [];
const dirs: string[] = [];

async function startWith(env: Record<string, string>): Promise<RelayProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-relay-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'config.json'), '{}');
  const relay = await startRelay({ root: dir, dataDir: join(dir, 'data'), env });
  started.push(relay);
  return relay;
}

const push = (relay: RelayProcess, body: string, path = '/sonorancad/event') =>
  fetch(`http://127.0.0.1:${relay.port}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });

afterEach(async () => {
  for (const relay of started.splice(0)) await relay.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('standalone relay', () => {
  it('answers pushes, logs one line per event without the key, and stops cleanly on SIGTERM', async () => {
    const relay = await startWith({ SONORAN_API_KEY: TEST_KEY });
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
    const relay = await startWith({});
    const reply = await push(relay, sampleText('EVENT_911.json'));
    expect(reply.status).toBe(503);
    expect(await reply.json()).toMatchObject({ error: 'not_configured' });
    expect(relay.output()).toMatch(/SONORAN_API_KEY/);
  });

  it('runs console commands from standard input', async () => {
    const relay = await startWith({ SONORAN_API_KEY: TEST_KEY });
    relay.child.stdin?.write('sonorancad help\n');
    for (let i = 0; i < 40 && !relay.output().includes('Usage: sonorancad'); i += 1) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(relay.output()).toContain('Usage: sonorancad');
  });
});
