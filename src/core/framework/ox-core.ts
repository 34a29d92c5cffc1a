/**
 * ox_core: a player's job is their active group, and a group's type is its job type. It has no duty.
 * Group types are read once per start, for the types the rules name; the active group per player when
 * they load, then from `ox:setActiveGroup` (and `ox:setGroup`, which drops a removed active group
 * without saying so otherwise).
 */
import { normalName } from '../text';
import type { FrameworkContext, FrameworkLink } from './link';
import { entriesOf, field, oxJob } from './shapes';

export function oxCoreLink(ctx: FrameworkContext): FrameworkLink {
  const typeOf = new Map<string, string>();
  const store = (player: unknown, group: unknown, what: string) => {
    const job = oxJob(group, (name) => typeOf.get(name) ?? '');
    if (job === null) ctx.remove(player);
    else ctx.setJob(player, job, what);
  };
  const readActive = (player: unknown) =>
    store(player, ctx.call('CallPlayer', player, 'get', 'activeGroup'), 'CallPlayer');
  return {
    load() {
      typeOf.clear();
      for (const type of ctx.jobTypes)
        for (const name of entriesOf(ctx.call('GetGroupsByType', type)))
          if (typeof name === 'string') typeOf.set(normalName(name), type);
      for (const player of entriesOf(ctx.call('GetPlayers'))) readActive(field(player, 'source'));
    },
    events: {
      'ox:setActiveGroup': (player, group) => store(player, group, 'ox:setActiveGroup'),
      'ox:setGroup': (player, group, grade) => {
        if (grade === null && typeof group === 'string' && ctx.jobOf(player)?.name === normalName(group))
          store(player, null, 'ox:setGroup');
      },
      'ox:playerLoaded': (player) => readActive(player),
      'ox:playerLogout': (player) => store(player, null, 'ox:playerLogout'),
    },
  };
}
