import { describe, expect, it } from 'vitest';
import { AlertsSchema } from '../../src/core/alerts/config';
import { IdentityMap } from '../../src/core/alerts/identity';
import { MuteList } from '../../src/core/alerts/mute-list';
import { ACE_REFRESH_MS, Recipients } from '../../src/core/alerts/recipients';
import { UnitCache } from '../../src/core/cache/units';
import type { Players, Timers } from '../../src/core/runtime';

function world(online: number[] = [1, 2, 3]) {
  let now = 0;
  const intervals = new Map<number, { fn: () => void; every: number; last: number }>();
  let nextTimer = 1;
  const granted = new Set<number>([2]);
  let aceCalls = 0;
  const players: Players = {
    list: () => online,
    identifiers: () => [],
    name: () => '',
    isAceAllowed: (player) => {
      aceCalls += 1;
      return granted.has(player);
    },
    position: () => null,
  };
  const timers: Timers = {
    now: () => now,
    setTimeout: () => 0,
    clearTimeout: () => {},
    setInterval: (fn, every) => {
      intervals.set(nextTimer, { fn, every, last: now });
      return nextTimer++;
    },
    clearInterval: (id) => intervals.delete(id as number),
  };
  const kind = AlertsSchema.parse({}).panic;
  const mutes = new MuteList();
  const recipients = new Recipients(players, new IdentityMap(players, new UnitCache(10)), mutes, timers, [
    kind,
  ]);
  return {
    recipients,
    granted,
    mutes,
    kind,
    timerCount: () => intervals.size,
    calls: () => aceCalls,
    /** Runs the clock forward, firing intervals as they come due. */
    advance(ms: number) {
      for (const end = now + ms; now < end; ) {
        now = Math.min(end, now + 50);
        for (const timer of intervals.values()) {
          if (now - timer.last < timer.every) continue;
          timer.last = now;
          timer.fn();
        }
      }
    },
  };
}

describe('recipients by ACE', () => {
  it('asks the server once per player per refresh period, and sees a grant within it', () => {
    const w = world();
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([2]);
    expect(w.calls()).toBe(3);
    w.granted.add(3);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([2]);
    expect(w.calls()).toBe(3);
    w.advance(ACE_REFRESH_MS);
    expect([...w.recipients.recipientsFor(w.kind)].sort()).toEqual([2, 3]);
    expect(w.calls()).toBe(6);
  });

  it('sees a revoke within the refresh period', () => {
    const w = world();
    w.granted.delete(2);
    w.advance(ACE_REFRESH_MS);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([]);
  });

  it('asks nobody while an alert goes out: the cost is per recipient, not per player', () => {
    const w = world(Array.from({ length: 2048 }, (_, i) => i + 1));
    const asked = w.calls();
    expect(w.recipients.recipientsFor(w.kind).size).toBe(1);
    expect(w.recipients.recipientsFor(w.kind).size).toBe(1);
    expect(w.calls()).toBe(asked);
  });

  it('forgets a dropped player, whose server id may be reused', () => {
    const w = world();
    w.recipients.drop(2);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([]);
    w.granted.delete(2);
    w.recipients.join(2);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([]);
  });

  it('leaves out muted players, and never changes a set it handed out', () => {
    const w = world();
    const before = w.recipients.recipientsFor(w.kind);
    w.mutes.set(2, true);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([]);
    expect([...before]).toEqual([2]);
    w.mutes.set(2, false);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([2]);
  });

  it('hands out the same set while nothing changed', () => {
    const w = world();
    expect(w.recipients.recipientsFor(w.kind)).toBe(w.recipients.recipientsFor(w.kind));
  });

  it('stops refreshing when stopped', () => {
    const w = world();
    expect(w.timerCount()).toBe(1);
    w.recipients.stop();
    expect(w.timerCount()).toBe(0);
  });
});
