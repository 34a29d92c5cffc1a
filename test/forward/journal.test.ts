/** The journal and dead letters on disk: replay after a restart, compaction, bounds, overflow and replay of dead letters. */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver, until } from '../helpers/receiver';
import { API_KEY, type Harness, pushes, startForwarder, trackOpen } from './harness';

const track = trackOpen();

const lines = (path: string) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
const journal = (harness: Harness) => lines(join(harness.forwardDir, 'journal.ndjson'));
const deadLetters = (harness: Harness) => lines(join(harness.forwardDir, 'dead-letters.ndjson'));
const identOf = (body: Record<string, unknown>) => (body.data as { identIds: number[] }).identIds[0];
/** Never retried during a test: the first retry waits an hour. */
const NO_RETRY = { retry: { firstDelaySeconds: 3600 } };

describe('the journal', () => {
  it('holds an accepted event before accept() returns, and replays it in order after a restart', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const config = { targets: [{ name: 'a', url: receiver.url }], ...NO_RETRY };
    const first = track(startForwarder({ forwarding: config }));
    for (let id = 1; id <= 5; id += 1) first.push(pushes.panic(id));
    expect(journal(first).map((line) => line.id)).toHaveLength(5);
    await until(() => receiver.requests.length === 1, 'the first attempt');
    const ids = journal(first).map((line) => line.id);
    first.stop();

    receiver.respond = () => ({});
    const second = track(startForwarder({ forwarding: config, dataDir: first.dataDir }));
    await until(() => receiver.requests.length === 6, 'the replay');
    const replayed = receiver.requests.slice(1);
    expect(replayed.map((request) => request.headers['webhook-id'])).toEqual(ids);
    expect(replayed.map((request) => identOf(JSON.parse(request.body)))).toEqual([1, 2, 3, 4, 5]);
    expect(second.logs).toContain('[test] Replaying 5 undelivered event(s) from the journal.');
  });

  it('is compacted down to what is still owed once delivered work dominates it', async () => {
    const up = track(await startReceiver());
    const down = track(await startReceiver(() => ({ status: 503 })));
    const config = {
      targets: [
        { name: 'up', url: up.url, events: ['EVENT_UNIT_PANIC'] },
        { name: 'down', url: down.url, events: ['EVENT_911'] },
      ],
      ...NO_RETRY,
    };
    const harness = track(startForwarder({ forwarding: config }));
    const padding = 'x'.repeat(2000);
    for (let id = 1; id <= 3; id += 1) harness.push(pushes.call911(id));
    for (let id = 1; id <= 2500; id += 1) harness.push({ ...pushes.panic(id), padding });
    await until(() => harness.forwarder.status().targets[0]!.delivered === 2500, 'the panics', 15_000);
    // About 5 MB went in; past 4 MiB it was rewritten with only what was owed.
    const size = statSync(join(harness.forwardDir, 'journal.ndjson')).size;
    expect(size).toBeLessThan(4 * 1024 * 1024);
    expect(journal(harness).filter((line) => line.to?.includes('up')).length).toBeLessThan(2500);
    harness.stop();

    down.respond = () => ({});
    const restarted = track(startForwarder({ forwarding: config, dataDir: harness.dataDir }));
    // The replay rewrites it at once, before any delivery.
    expect(journal(restarted).map((line) => line.type)).toEqual(['EVENT_911', 'EVENT_911', 'EVENT_911']);
    await until(() => down.requests.length === 4, 'the 911 calls');
    expect(up.requests).toHaveLength(2500);
    await until(() => restarted.forwarder.status().backlog.events === 0, 'an empty backlog');
  });

  it('skips a line cut short by a crash and dead-letters events for targets no longer configured', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const first = track(
      startForwarder({ forwarding: { targets: [{ name: 'old', url: receiver.url }], ...NO_RETRY } }),
    );
    first.push(pushes.panic(1));
    first.stop();
    appendFileSync(join(first.forwardDir, 'journal.ndjson'), '{"s":9,"id":"msg_cut","at":1,"ty');
    appendFileSync(join(first.forwardDir, 'dead-letters.ndjson'), '{"id":"msg_cut","ta');
    const second = track(
      startForwarder({
        forwarding: { targets: [{ name: 'new', url: receiver.url }] },
        dataDir: first.dataDir,
      }),
    );
    expect(second.logs).toContain('[test] warn: Journal: skipped 1 unreadable line; replaying the rest.');
    expect(second.logs).toContain(
      '[test] warn: "old": 1 undelivered event(s) moved to dead letters: target no longer configured.',
    );
    // The cut line is cut away, so the next letter starts on a line of its own.
    const [letter, after] = readFileSync(join(second.forwardDir, 'dead-letters.ndjson'), 'utf8').split('\n');
    expect(JSON.parse(letter!)).toMatchObject({ target: 'old', reason: 'target no longer configured' });
    expect(after).toBe('');
    expect(journal(second)).toEqual([]);
  });
});

describe('the queue bounds', () => {
  it('move the oldest undelivered events to dead letters with one loud count, and never refuse new ones', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'a', url: receiver.url }], queue: { maxEvents: 5 }, ...NO_RETRY },
      }),
    );
    for (let id = 1; id <= 8; id += 1) harness.push(pushes.panic(id));
    await until(() => harness.forwarder.status().targets[0]!.deadLettered === 3, 'three dead letters');
    expect(deadLetters(harness).map((letter) => identOf(letter.body))).toEqual([1, 2, 3]);
    expect(harness.forwarder.status().overflowed).toBe(3);
    expect(harness.forwarder.status().backlog.events).toBe(5);
    await until(() => harness.logs.some((line) => line.includes('FORWARD QUEUE FULL')), 'the report');
    const loud = harness.logs.filter((line) => line.includes('FORWARD QUEUE FULL'));
    expect(loud).toHaveLength(1);
    expect(loud[0]).toContain('the 3 oldest');
  });

  it('count bytes too', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'a', url: receiver.url }], queue: { maxBytes: 65_536 }, ...NO_RETRY },
      }),
    );
    const padding = 'y'.repeat(1000);
    for (let id = 1; id <= 100; id += 1) harness.push({ ...pushes.panic(id), padding });
    const { backlog } = harness.forwarder.status();
    expect(backlog.bytes).toBeLessThanOrEqual(65_536);
    expect(backlog.events).toBeGreaterThan(50);
    expect(backlog.events).toBeLessThan(70);
  });

  it('rotate the dead-letter file, keeping one older generation', async () => {
    const receiver = track(await startReceiver(() => ({ status: 400 })));
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'a', url: receiver.url }], deadLetters: { maxBytes: 65_536 } },
      }),
    );
    const padding = 'z'.repeat(1000);
    for (let id = 1; id <= 200; id += 1) harness.push({ ...pushes.panic(id), padding });
    await until(() => harness.forwarder.status().targets[0]!.deadLettered === 200, 'every dead letter');
    const current = statSync(join(harness.forwardDir, 'dead-letters.ndjson')).size;
    const older = statSync(join(harness.forwardDir, 'dead-letters.1.ndjson')).size;
    expect(current).toBeLessThan(65_536);
    expect(older).toBeLessThan(65_536 + 2048);
    expect(harness.logs.some((line) => line.includes('was rotated'))).toBe(true);
  });
});

describe('forward replay', () => {
  it('re-queues one target’s dead letters under their webhook-ids and empties them', async () => {
    const receiver = track(await startReceiver(() => ({ status: 422 })));
    const other = track(await startReceiver(() => ({ status: 400 })));
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [
            { name: 'a', url: receiver.url },
            { name: 'b', url: other.url },
          ],
        },
      }),
    );
    for (let id = 1; id <= 3; id += 1) harness.push(pushes.panic(id));
    await until(() => deadLetters(harness).length === 6, 'six dead letters');
    const ids = receiver.requests.map((request) => request.headers['webhook-id']);

    receiver.respond = () => ({});
    expect(harness.forwarder.replay('a')).toBe(3);
    await until(() => receiver.requests.length === 6, 'the replayed events');
    expect(receiver.requests.slice(3).map((request) => request.headers['webhook-id'])).toEqual(ids);
    expect(deadLetters(harness).map((letter) => letter.target)).toEqual(['b', 'b', 'b']);
    expect(harness.forwarder.replay('a')).toBe(0);
    expect(() => harness.forwarder.replay('nope')).toThrow('No forward target "nope" (targets: a, b).');
  });
});

describe('no key at rest', () => {
  const file = (harness: Harness, name: string) => {
    const path = join(harness.forwardDir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  };

  it('journals a push without its key unless an includeKey target is owed it; dead letters never hold it', async () => {
    const plain = track(await startReceiver(() => ({ status: 400 })));
    const keyed = track(await startReceiver(() => ({ status: 400 })));
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [
            { name: 'plain', url: plain.url, events: ['EVENT_UNIT_PANIC', 'EVENT_911'] },
            { name: 'keyed', url: keyed.url, events: ['EVENT_911'], includeKey: true },
          ],
          ...NO_RETRY,
        },
      }),
    );
    harness.push(pushes.panic(1));
    const panicLine = file(harness, 'journal.ndjson');
    expect(panicLine).toContain('EVENT_UNIT_PANIC');
    expect(panicLine).not.toContain(API_KEY);
    const exact = harness.push(pushes.call911(2));
    expect(file(harness, 'journal.ndjson')).toContain(JSON.stringify(exact).slice(1, -1));

    await until(() => deadLetters(harness).length === 3, 'three dead letters');
    expect(file(harness, 'dead-letters.ndjson')).not.toContain(API_KEY);
    // Replayed to the includeKey target, the letter gets the key back.
    keyed.respond = () => ({});
    expect(harness.forwarder.replay('keyed')).toBe(1);
    await until(() => keyed.requests.length === 2, 'the replay');
    expect(JSON.parse(keyed.requests[1]!.body)).toEqual({ key: API_KEY, ...pushes.call911(2) });
  });
});
