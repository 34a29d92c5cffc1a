/**
 * The relay in a child process with a forwarding folder it cannot use (a plain file stands where the
 * folder goes: a real fault, which root cannot write through either): every push is answered 200 and
 * held in memory, `sonorancad reload` keeps it, and once the folder can be made the backlog is journalled
 * first, so a SIGKILL after that loses nothing. Duplicates carry the same webhook-id.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver, until } from '../helpers/receiver';
import { type RelayProcess, startRelay } from '../helpers/relay-process';
import { pushes } from './harness';

const KEY = 'crash-storage-key-4a91';
const TEST_TIMEOUT_MS = 90_000;
const WAIT_MS = 30_000;
const work = mkdtempSync(join(tmpdir(), 'sonorancad-crash-storage-'));
const started: RelayProcess[] = [];

afterAll(async () => {
  for (const relay of started) await relay.kill();
  rmSync(work, { recursive: true, force: true });
});

const callIdOf = (body: string) => (JSON.parse(body).data as { call: { callId: number } }).call.callId;

describe('the relay on a forwarding folder it cannot use', () => {
  it('answers 200, keeps every event through a reload, journals them once it can, and a kill -9 then loses none', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    try {
      const root = join(work, 'root');
      const dataDir = join(work, 'data');
      mkdirSync(root);
      mkdirSync(dataDir);
      writeFileSync(
        join(root, 'config.json'),
        JSON.stringify({
          forwarding: { targets: [{ name: 'sink', url: receiver.url }], retry: { firstDelaySeconds: 3600 } },
        }),
      );
      const blocker = join(dataDir, 'forwarding');
      writeFileSync(blocker, 'not a folder');
      const relay = await startRelay({ root, dataDir, env: { SONORAN_API_KEY: KEY } });
      started.push(relay);
      const waitFor = (predicate: () => boolean, what: string) =>
        until(predicate, () => `${what}; the relay printed:\n${relay.output()}`, WAIT_MS);
      await waitFor(
        () => relay.output().includes('FORWARDING STORAGE FAILING (reading the journal: '),
        'the failure',
      );

      const push = async (callId: number) => {
        const response = await fetch(`http://127.0.0.1:${relay.port}/sonorancad/event`, {
          method: 'POST',
          body: JSON.stringify({ key: KEY, ...pushes.call911(callId) }),
        });
        expect(response.status).toBe(200);
      };
      for (let callId = 1; callId <= 10; callId += 1) await push(callId);
      relay.child.stdin!.write('sonorancad status\n');
      await waitFor(
        () => /STORAGE FAILING since .*; 10 events only in memory/.test(relay.output()),
        'the status line',
      );
      relay.child.stdin!.write('sonorancad reload\n');
      await waitFor(() => relay.output().includes('config.json reloaded'), 'the reload');
      for (let callId = 11; callId <= 15; callId += 1) await push(callId);

      rmSync(blocker);
      await waitFor(
        () =>
          relay
            .output()
            .includes('Forwarding storage works again: wrote the 15 event(s) held only in memory'),
        'the recovery',
      );
      await push(16);
      await relay.kill();

      receiver.respond = () => ({});
      const restarted = await startRelay({ root, dataDir, env: { SONORAN_API_KEY: KEY } });
      started.push(restarted);
      const expected = Array.from({ length: 16 }, (_, index) => index + 1);
      const delivered = () =>
        new Set(receiver.requests.filter((r) => r.headers['webhook-id']).map((r) => callIdOf(r.body)));
      await until(
        () => expected.every((callId) => delivered().has(callId)),
        () =>
          `all 16 delivered; got ${[...delivered()].join(',')}; the relay printed:\n${restarted.output()}`,
        WAIT_MS,
      );
      const idOf = new Map<number, unknown>();
      for (const request of receiver.requests) {
        const callId = callIdOf(request.body);
        if (idOf.has(callId)) expect(request.headers['webhook-id']).toBe(idOf.get(callId));
        idOf.set(callId, request.headers['webhook-id']);
      }
      expect(restarted.output()).toContain('Replaying 16 undelivered event(s) from the journal.');
    } finally {
      await receiver.close();
    }
  });
});
