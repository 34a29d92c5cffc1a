import { describe, expect, it } from 'vitest';
import { AlertsSchema } from '../../src/core/alerts/config';
import { IdentityMap } from '../../src/core/alerts/identity';
import { MuteList } from '../../src/core/alerts/mute-list';
import { ACE_CACHE_MS, Recipients } from '../../src/core/alerts/recipients';
import { UnitCache } from '../../src/core/cache/units';
import type { Players } from '../../src/core/runtime';

function world() {
  let now = 0;
  const granted = new Set<number>([2]);
  let aceCalls = 0;
  const players: Players = {
    list: () => [1, 2, 3],
    identifiers: () => [],
    name: () => '',
    isAceAllowed: (player) => {
      aceCalls += 1;
      return granted.has(player);
    },
    position: () => null,
  };
  const recipients = new Recipients(
    players,
    new IdentityMap(players, new UnitCache(10)),
    new MuteList(),
    () => now,
  );
  return {
    recipients,
    granted,
    kind: AlertsSchema.parse({}).panic,
    calls: () => aceCalls,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('recipients by ACE', () => {
  it('asks the server once per player per cache period, and sees a grant after it', () => {
    const w = world();
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([2]);
    expect(w.calls()).toBe(3);
    w.granted.add(3);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([2]);
    expect(w.calls()).toBe(3);
    w.advance(ACE_CACHE_MS);
    expect([...w.recipients.recipientsFor(w.kind)].sort()).toEqual([2, 3]);
    expect(w.calls()).toBe(6);
  });

  it('forgets a dropped player, whose server id may be reused', () => {
    const w = world();
    w.recipients.recipientsFor(w.kind);
    w.granted.delete(2);
    w.recipients.forget(2);
    expect([...w.recipients.recipientsFor(w.kind)]).toEqual([]);
  });
});
