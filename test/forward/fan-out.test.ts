/** Fan-out: delivery work runs in short slices after pending I/O, and settle records go out once per event and turn. */
import { describe, expect, it } from 'vitest';
import { Backlog } from '../../src/core/forward/queue/backlog';
import type { QueuedEvent } from '../../src/core/forward/queue/queued-event';
import { createScheduler } from '../../src/core/forward/queue/scheduler';
import { createSettlement } from '../../src/core/forward/storage/settlement';
import type { ForwardStore } from '../../src/core/forward/storage/store';
import { createLogger } from '../../src/core/log';
import { nodeTimers } from '../../src/standalone/node-runtime';

describe('delivery scheduler', () => {
  it('runs nothing at once, then steps in order, yielding once a slice is used up', () => {
    const deferred: (() => void)[] = [];
    let clock = 0;
    const schedule = createScheduler(
      (run) => deferred.push(run),
      () => clock,
    );
    const ran: number[] = [];
    for (let i = 0; i < 5; i += 1)
      schedule(() => {
        ran.push(i);
        clock += 0.06;
      });
    expect(ran).toEqual([]);
    expect(deferred).toHaveLength(1);
    deferred.shift()!();
    // 0.1 ms per slice: two steps of 0.06 ms, then the rest waits for the next turn.
    expect(ran).toEqual([0, 1]);
    expect(deferred).toHaveLength(1);
    deferred.shift()!();
    deferred.shift()!();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(deferred).toHaveLength(0);
  });

  it('keeps going after a step that throws', () => {
    const deferred: (() => void)[] = [];
    const schedule = createScheduler((run) => deferred.push(run));
    const ran: string[] = [];
    schedule(() => {
      throw new Error('boom');
    });
    schedule(() => ran.push('next'));
    expect(() => deferred.shift()!()).toThrow('boom');
    while (deferred.length) deferred.shift()!();
    expect(ran).toEqual(['next']);
  });
});

describe('settlement', () => {
  const event = (seq: number, targets: string[]): QueuedEvent => ({
    seq,
    id: `msg_${seq}`,
    at: 0,
    type: 'EVENT_911',
    raw: '{}',
    pending: new Set(targets),
    evicted: false,
  });

  it('writes the targets done with an event in one turn as one journal write', async () => {
    const writes: [number, string[], boolean][] = [];
    const store = {
      settle: (settled: QueuedEvent, targets: readonly string[], released: Backlog | null) =>
        writes.push([settled.seq, [...targets], released !== null]),
      deadLetter: () => {},
    } as unknown as ForwardStore;
    const backlog = new Backlog({ maxEvents: 100, maxBytes: 1e6 });
    const settlement = createSettlement({
      store,
      backlog,
      apiKey: 'k',
      timers: nodeTimers,
      log: createLogger({ print: () => {} }),
    });
    const names = Array.from({ length: 100 }, (_, i) => `t${i}`);
    const first = event(1, names);
    const second = event(2, ['t0', 't1']);
    backlog.add(first);
    backlog.add(second);
    for (const name of names) settlement.settle(first, { name }, null);
    settlement.settle(second, { name: 't0' }, null);
    expect(writes).toEqual([]);
    // The backlog knows at once; the journal hears at the end of the turn.
    expect(backlog.size).toBe(1);
    await Promise.resolve();
    expect(writes).toEqual([
      [1, names, true],
      [2, ['t0'], false],
    ]);
    settlement.settle(second, { name: 't1' }, 'HTTP 500');
    settlement.flush();
    expect(writes.at(-1)).toEqual([2, ['t1'], true]);
  });
});
