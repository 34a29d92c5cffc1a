/**
 * The relay in a child process on a journal left the way a crash or a full disk leaves it: with a last
 * line cut short, or with an odd line (valid JSON of the wrong shape). It recovers, takes more pushes,
 * reloads without one of its targets, is killed with SIGKILL, and once started again the target has
 * received every push answered 200 (a duplicate carries the same webhook-id).
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { type RelayProcess, startRelay } from '../helpers/relay-process';
import { pushes } from './harness';

const KEY = 'journal-lines-key-5c19ab';
/** Three relay starts; a machine busy with other runs takes many times what they take alone. */
const TEST_TIMEOUT_MS = 120_000;
const WAIT_MS = 45_000;
const work = mkdtempSync(join(tmpdir(), 'sonorancad-journal-lines-'));
const started: RelayProcess[] = [];
const receivers: Receiver[] = [];

afterAll(async () => {
  for (const relay of started) await relay.kill();
  for (const receiver of receivers) await receiver.close();
  rmSync(work, { recursive: true, force: true });
});

const identOf = (body: string) => (JSON.parse(body).data as { identIds: number[] }).identIds[0]!;
const TAILS = {
  'a last line cut short': '{"s":99,"id":"msg_cut","at":1,"type":"EVENT_UNIT_PA',
  'an odd line': '{"s":0,"id":"x","at":0,"type":"EVENT_911","to":["sink"]}\n',
};

async function push(relay: RelayProcess, identId: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${relay.port}/sonorancad/event`, {
    method: 'POST',
    body: JSON.stringify({ key: KEY, ...pushes.panic(identId) }),
  });
  expect(response.status).toBe(200);
}

describe('a journal with a cut or odd line, then recovery, reload and kill -9', () => {
  for (const [name, tail] of Object.entries(TAILS)) {
    it(`${name}: every push answered 200 reaches the target`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const sink = await startReceiver(() => ({ status: 503 }));
      const old = await startReceiver(() => ({ status: 503 }));
      receivers.push(sink, old);
      const root = mkdtempSync(join(work, 'root-'));
      const dataDir = join(root, 'data');
      mkdirSync(dataDir);
      const configure = (targets: { name: string; url: string }[]) =>
        writeFileSync(
          join(root, 'config.json'),
          JSON.stringify({ forwarding: { targets, retry: { firstDelaySeconds: 3600 } } }),
        );
      configure([
        { name: 'sink', url: sink.url },
        { name: 'old', url: old.url },
      ]);
      const relayOn = async () => {
        const relay = await startRelay({ root, dataDir, env: { SONORAN_API_KEY: KEY } });
        started.push(relay);
        return relay;
      };
      const waitFor = (relay: RelayProcess, predicate: () => boolean, what: string) =>
        until(predicate, what, WAIT_MS).catch((error: Error) => {
          throw new Error(`${error.message}; the relay printed:\n${relay.output()}`);
        });

      let relay = await relayOn();
      for (let id = 1; id <= 4; id += 1) await push(relay, id);
      await relay.kill();
      const journal = join(dataDir, 'forwarding', 'journal.ndjson');
      appendFileSync(journal, tail);

      // Recovery: the line is skipped and counted, the four events replay, and new ones are readable.
      relay = await relayOn();
      expect(relay.output()).toContain('Journal: skipped 1 unreadable line; replaying the rest.');
      expect(relay.output()).toContain('Replaying 4 undelivered event(s) from the journal.');
      for (let id = 5; id <= 7; id += 1) await push(relay, id);
      for (const line of readFileSync(journal, 'utf8').split('\n').filter(Boolean))
        expect(() => JSON.parse(line)).not.toThrow();

      // A reload without "old": what it was owed goes to dead letters in one line; "sink" keeps its seven.
      configure([{ name: 'sink', url: sink.url }]);
      relay.child.stdin!.write('sonorancad reload\n');
      const current = relay;
      await waitFor(
        current,
        () => current.output().includes('reloaded: the new configuration'),
        'the reload',
      );
      const movedLines = relay.output().match(/.*moved to dead letters.*/g) ?? [];
      expect(movedLines).toHaveLength(1);
      expect(movedLines[0]).toContain('"old": 7 undelivered event(s) moved to dead letters');
      for (let id = 8; id <= 10; id += 1) await push(relay, id);
      await relay.kill();

      sink.respond = () => ({});
      relay = await relayOn();
      const expected = Array.from({ length: 10 }, (_, index) => index + 1);
      const received = () => new Set(sink.requests.map((request) => identOf(request.body)));
      const last = relay;
      await waitFor(last, () => expected.every((id) => received().has(id)), 'every accepted push');
      await relay.kill();

      const firstSeen = new Map<number, { id: unknown; body: string }>();
      for (const request of sink.requests) {
        const ident = identOf(request.body);
        const first = firstSeen.get(ident);
        if (first) expect({ id: request.headers['webhook-id'], body: request.body }).toEqual(first);
        else firstSeen.set(ident, { id: request.headers['webhook-id'], body: request.body });
      }
      expect([...firstSeen.keys()].sort((a, b) => a - b)).toEqual(expected);
      expect(relay.output()).not.toContain('unreadable');
    });
  }
});
