/**
 * The journal on a failing disk, through the storage's file-system seam (as root, permissions do not stop
 * writes, so the errno is injected where the storage calls the file system; the files are real): every
 * owed event stays in memory, the console hears at once and then every minute, status says so, storage
 * is retried every 5 s, and once it heals the backlog is journalled first, so a restart loses nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storageLine } from '../../src/core/commands/storage-line';
import { REPORT_EVERY_MS, RETRY_EVERY_MS } from '../../src/core/forward/storage/health';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { type FaultCode, faultyFileSystem } from './faulty-fs';
import {
  type Harness,
  type HarnessOptions,
  manualTimers,
  pushes,
  startForwarder,
  trackOpen,
} from './harness';

const track = trackOpen();
/** Never retried during a test: the first retry waits an hour. */
const NO_RETRY = { retry: { firstDelaySeconds: 3600 } };
const identOf = (body: string) => (JSON.parse(body).data as { identIds: number[] }).identIds[0]!;
const failingLines = (harness: Harness) =>
  harness.logs.filter((line) => line.includes('FORWARDING STORAGE FAILING'));
const reports = (harness: Harness) =>
  harness.logs.filter((line) => line.includes('Forwarding storage failing since'));
const healed = (harness: Harness) =>
  harness.logs.filter((line) => line.includes('Forwarding storage works again'));
const journalLines = (harness: Harness) =>
  readFileSync(join(harness.forwardDir, 'journal.ndjson'), 'utf8').split('\n').filter(Boolean);

/**
 * A forwarder on the same data folder with a working disk and an accepting target, as after a crash
 * and restart: per event id, what it delivers. Nothing may be missing, and a duplicate has the same
 * webhook-id.
 */
async function deliveredAfterRestart(
  dataDir: string,
  receiver: Receiver,
  expected: number[],
  options: Partial<HarnessOptions> = {},
): Promise<Harness> {
  receiver.respond = () => ({});
  const before = receiver.requests.length;
  const restarted = track(
    startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] }, dataDir, ...options }),
  );
  const received = () => receiver.requests.slice(before);
  await until(
    () => expected.every((id) => received().some((request) => identOf(request.body) === id)),
    () =>
      `events ${expected.join(',')}; got ${received()
        .map((request) => identOf(request.body))
        .join(',')}`,
  );
  const idOf = new Map<number, unknown>();
  for (const request of receiver.requests) {
    const ident = identOf(request.body);
    if (idOf.has(ident)) expect(request.headers['webhook-id']).toBe(idOf.get(ident));
    idOf.set(ident, request.headers['webhook-id']);
  }
  expect([...new Set(received().map((request) => identOf(request.body)))].sort((x, y) => x - y)).toEqual(
    expected,
  );
  return restarted;
}

async function failingForwarder() {
  const timers = manualTimers();
  const faults = faultyFileSystem();
  const receiver = track(await startReceiver(() => ({ status: 503 })));
  const forwarding = { targets: [{ name: 'a', url: receiver.url }], ...NO_RETRY };
  const harness = track(startForwarder({ forwarding, timers, fileSystem: faults.fs }));
  return { timers, faults, receiver, forwarding, harness };
}

describe('a journal write that fails while running', () => {
  for (const code of ['EACCES', 'EROFS', 'ENOSPC', 'EIO'] as FaultCode[]) {
    it(`${code}: keeps the events in memory, says so at once and every minute, heals, and a restart loses nothing`, async () => {
      const { timers, faults, receiver, harness } = await failingForwarder();
      harness.push(pushes.panic(1));
      faults.fail(code);
      for (let id = 2; id <= 6; id += 1) harness.push(pushes.panic(id));

      expect(failingLines(harness)).toHaveLength(1);
      expect(failingLines(harness)[0]).toContain(`(writing the journal: ${code}: `);
      expect(failingLines(harness)[0]).toContain(
        'they survive "sonorancad reload" but not a crash or restart',
      );
      const { storage, backlog } = harness.forwarder.status();
      expect(backlog.events).toBe(6);
      expect(storage).toMatchObject({ onlyInMemory: 5 });
      expect(storageLine(harness.forwarder.status())).toMatch(
        /^ {2}STORAGE FAILING since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; 5 events only in memory \(writing the journal: /,
      );

      // Retried every 5 s in vain: one line a minute, no more.
      const start = timers.now();
      timers.advanceTo(start + REPORT_EVERY_MS);
      expect(reports(harness)).toHaveLength(1);
      expect(reports(harness)[0]).toContain('5 event(s) only in memory.');
      timers.advanceTo(start + 2 * REPORT_EVERY_MS);
      expect(reports(harness)).toHaveLength(2);
      expect(failingLines(harness)).toHaveLength(1);
      expect(faults.failures).toBeGreaterThanOrEqual((2 * REPORT_EVERY_MS) / RETRY_EVERY_MS);

      faults.heal();
      timers.advanceTo(timers.now() + RETRY_EVERY_MS);
      expect(healed(harness)).toEqual([
        '[test] Forwarding storage works again: wrote the 5 event(s) held only in memory to the journal and 0 dead letter(s) to their file.',
      ]);
      expect(harness.forwarder.status().storage).toBeNull();
      expect(journalLines(harness)).toHaveLength(6);
      harness.push(pushes.panic(7));
      timers.advanceTo(timers.now() + 3 * REPORT_EVERY_MS);
      expect(reports(harness)).toHaveLength(2);
      harness.stop();

      await deliveredAfterRestart(harness.dataDir, receiver, [1, 2, 3, 4, 5, 6, 7]);
    });
  }

  it('keeps dead letters it cannot write, and writes them once it heals', async () => {
    const { timers, faults, receiver, harness } = await failingForwarder();
    receiver.respond = () => ({ status: 400 });
    faults.fail('EIO');
    for (let id = 1; id <= 3; id += 1) harness.push(pushes.panic(id));
    await until(() => harness.forwarder.status().targets[0]!.deadLettered === 3, 'three dead letters');
    faults.heal();
    timers.advanceTo(timers.now() + RETRY_EVERY_MS);
    expect(healed(harness)[0]).toContain('and 3 dead letter(s) to their file.');
    receiver.respond = () => ({});
    expect(harness.forwarder.replay('a')).toBe(3);
    await until(() => receiver.requests.length === 6, 'the replayed letters');
  });
});

describe('a journal that fails from the start', () => {
  async function previousRun() {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const forwarding = { targets: [{ name: 'a', url: receiver.url }], ...NO_RETRY };
    const first = track(startForwarder({ forwarding }));
    for (let id = 1; id <= 3; id += 1) first.push(pushes.panic(id));
    first.stop();
    return { receiver, forwarding, dataDir: first.dataDir };
  }

  it('read-only (EROFS): replays what it can read, keeps new events in memory, and journals all of them once writable', async () => {
    const { receiver, forwarding, dataDir } = await previousRun();
    const timers = manualTimers();
    const faults = faultyFileSystem();
    faults.fail('EROFS', ['write']);
    const second = track(startForwarder({ forwarding, dataDir, timers, fileSystem: faults.fs }));
    expect(second.logs).toContain('[test] Replaying 3 undelivered event(s) from the journal.');
    expect(failingLines(second)[0]).toContain('(writing the journal: EROFS: ');
    second.push(pushes.panic(4));
    second.push(pushes.panic(5));
    expect(second.forwarder.status().storage).toMatchObject({ onlyInMemory: 2 });

    faults.heal();
    timers.advanceTo(timers.now() + RETRY_EVERY_MS);
    expect(healed(second)[0]).toContain('wrote the 2 event(s) held only in memory to the journal');
    second.stop();
    await deliveredAfterRestart(dataDir, receiver, [1, 2, 3, 4, 5]);
  });

  it('unreadable (EACCES): the journal is read once it can be, after the events that came meanwhile', async () => {
    const { receiver, forwarding, dataDir } = await previousRun();
    const timers = manualTimers();
    const faults = faultyFileSystem();
    faults.fail('EACCES');
    const second = track(startForwarder({ forwarding, dataDir, timers, fileSystem: faults.fs }));
    expect(failingLines(second)[0]).toContain('(reading the journal: EACCES: ');
    second.push(pushes.panic(4));
    expect(journalLines(second)).toHaveLength(3);

    faults.heal();
    timers.advanceTo(timers.now() + RETRY_EVERY_MS);
    expect(second.logs).toContain('[test] Replaying 3 undelivered event(s) from the journal.');
    expect(healed(second)).toHaveLength(1);
    expect(second.forwarder.status().backlog.events).toBe(4);
    expect(journalLines(second)).toHaveLength(4);
    second.stop();
    await deliveredAfterRestart(dataDir, receiver, [1, 2, 3, 4]);
  });
});

describe('a write cut short', () => {
  it('is truncated away at once when the disk allows, and the next event is readable', async () => {
    const { timers, faults, receiver, harness } = await failingForwarder();
    harness.push(pushes.panic(1));
    faults.cutNextWrite(25);
    harness.push(pushes.panic(2));
    expect(failingLines(harness)[0]).toContain('a short write: 25 of');
    // No half line on disk while it fails.
    expect(readFileSync(join(harness.forwardDir, 'journal.ndjson'), 'utf8').endsWith('\n')).toBe(true);
    harness.push(pushes.panic(3));
    faults.heal();
    timers.advanceTo(timers.now() + RETRY_EVERY_MS);
    harness.push(pushes.panic(4));
    for (const line of journalLines(harness)) expect(() => JSON.parse(line)).not.toThrow();
    harness.stop();
    const restarted = await deliveredAfterRestart(harness.dataDir, receiver, [1, 2, 3, 4]);
    expect(restarted.logs.filter((line) => line.includes('unreadable'))).toEqual([]);
  });

  it('that cannot even be truncated is rewritten away once storage heals', async () => {
    const { timers, faults, receiver, harness } = await failingForwarder();
    harness.push(pushes.panic(1));
    faults.cutNextWrite(25, 'EIO');
    harness.push(pushes.panic(2));
    // The cut line is on disk...
    expect(readFileSync(join(harness.forwardDir, 'journal.ndjson'), 'utf8').endsWith('\n')).toBe(false);
    faults.heal();
    timers.advanceTo(timers.now() + RETRY_EVERY_MS);
    // ...until the rewrite; the next event starts on a line of its own.
    harness.push(pushes.panic(3));
    expect(journalLines(harness).map((line) => identOf(JSON.parse(line).raw))).toEqual([1, 2, 3]);
    harness.stop();
    await deliveredAfterRestart(harness.dataDir, receiver, [1, 2, 3]);
  });
});

describe('a reload while storage fails', () => {
  it('hands every owed event to the next generation, which journals them once storage heals', async () => {
    const { timers, faults, receiver, forwarding, harness } = await failingForwarder();
    harness.push(pushes.panic(1));
    faults.fail('ENOSPC');
    harness.push(pushes.panic(2));
    harness.push(pushes.panic(3));
    const carried = harness.stop();

    const next = track(
      startForwarder({ forwarding, dataDir: harness.dataDir, timers, fileSystem: faults.fs, carried }),
    );
    expect(next.forwarder.status().backlog.events).toBe(3);
    expect(next.forwarder.status().storage).toMatchObject({ onlyInMemory: 2 });
    expect(failingLines(next)[0]).toContain('(writing the journal: ENOSPC: ');
    next.push(pushes.panic(4));

    faults.heal();
    timers.advanceTo(timers.now() + RETRY_EVERY_MS);
    expect(healed(next)[0]).toContain('wrote the 3 event(s) held only in memory');
    next.stop();
    await deliveredAfterRestart(harness.dataDir, receiver, [1, 2, 3, 4]);
  });

  it('moves what a removed target was owed to dead letters with one line for that target', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const kept = { name: 'a', url: receiver.url };
    const first = track(
      startForwarder({ forwarding: { targets: [kept, { name: 'old', url: receiver.url }], ...NO_RETRY } }),
    );
    for (let id = 1; id <= 4; id += 1) first.push(pushes.panic(id));
    const carried = first.stop();
    const next = track(
      startForwarder({ forwarding: { targets: [kept], ...NO_RETRY }, dataDir: first.dataDir, carried }),
    );
    expect(next.logs.filter((line) => line.includes('moved to dead letters'))).toEqual([
      '[test] warn: "old": 4 undelivered event(s) moved to dead letters: target no longer configured.',
    ]);
    expect(next.forwarder.status().backlog.events).toBe(4);
    next.stop();
    await deliveredAfterRestart(first.dataDir, receiver, [1, 2, 3, 4]);
  });
});
