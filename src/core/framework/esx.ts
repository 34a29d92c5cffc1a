/**
 * ESX (es_extended): `xPlayer.job`, whose `onDuty` (1.11 on) is the duty. Duty changes go through
 * `setJob`, so `esx:setJob` carries both.
 */
import type { FrameworkContext, FrameworkLink } from './link';
import { entriesOf, esxJob, field } from './shapes';

type Call = (...args: unknown[]) => unknown;

export function esxLink(ctx: FrameworkContext): FrameworkLink {
  return {
    load() {
      const getPlayers = field(ctx.call('getSharedObject'), 'GetExtendedPlayers');
      if (typeof getPlayers !== 'function') throw new Error('its shared object has no GetExtendedPlayers');
      for (const xPlayer of entriesOf((getPlayers as Call)()))
        ctx.setJob(field(xPlayer, 'source'), esxJob(field(xPlayer, 'job')), 'GetExtendedPlayers');
    },
    events: {
      'esx:setJob': (player, job) => ctx.setJob(player, esxJob(job), 'esx:setJob'),
      'esx:playerLoaded': (player, xPlayer) =>
        ctx.setJob(player, esxJob(field(xPlayer, 'job')), 'esx:playerLoaded'),
      'esx:playerDropped': (player) => ctx.remove(player),
      'esx:playerLogout': (player) => ctx.remove(player),
    },
  };
}
