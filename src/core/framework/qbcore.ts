/**
 * QBCore (qb-core) and Qbox (qbx_core), which shares QBCore's job table and server events. `job.onduty`
 * is the duty. `QBCore:Server:OnJobUpdate` fires for job changes and, in qb-core since 2026-05, for duty
 * changes too; `QBCore:Server:SetDuty` for Qbox's duty changes and qb-core's duty toggle. Qbox also
 * fires `qbx_core:server:onGroupUpdate` when a job is taken away, which may change the primary job
 * without an OnJobUpdate: that player is read again.
 */
import type { EventHandler, FrameworkContext, FrameworkLink } from './link';
import { entriesOf, field, qbJob } from './shapes';

const JOB_UPDATE = 'QBCore:Server:OnJobUpdate';

/** A `PlayerData` table: its source and job. */
function storePlayerData(ctx: FrameworkContext, data: unknown, what: string): void {
  ctx.setJob(field(data, 'source'), qbJob(field(data, 'job')), what);
}

function sharedEvents(ctx: FrameworkContext): Record<string, EventHandler> {
  return {
    [JOB_UPDATE]: (player, job) => ctx.setJob(player, qbJob(job), JOB_UPDATE),
    'QBCore:Server:SetDuty': (player, onDuty) => ctx.setDuty(player, onDuty),
    // The Player object: its PlayerData crosses, its methods as references.
    'QBCore:Server:PlayerLoaded': (player) =>
      storePlayerData(ctx, field(player, 'PlayerData'), 'QBCore:Server:PlayerLoaded'),
    'QBCore:Server:OnPlayerUnload': (player) => ctx.remove(player),
  };
}

type Call = (...args: unknown[]) => unknown;

export function qbCoreLink(ctx: FrameworkContext): FrameworkLink {
  return {
    load() {
      // Only the Functions table: the whole core object would copy every shared item and vehicle.
      const functions = field(ctx.call('GetCoreObject', ['Functions']), 'Functions');
      const getPlayers = field(functions, 'GetQBPlayers');
      if (typeof getPlayers !== 'function') throw new Error('its core object has no Functions.GetQBPlayers');
      for (const player of entriesOf((getPlayers as Call)()))
        storePlayerData(ctx, field(player, 'PlayerData'), 'GetQBPlayers');
    },
    events: sharedEvents(ctx),
  };
}

export function qbxCoreLink(ctx: FrameworkContext): FrameworkLink {
  const reread = (player: unknown) =>
    storePlayerData(ctx, field(ctx.call('GetPlayer', player), 'PlayerData'), 'GetPlayer');
  return {
    load() {
      for (const data of entriesOf(ctx.call('GetPlayersData'))) storePlayerData(ctx, data, 'GetPlayersData');
    },
    events: { ...sharedEvents(ctx), 'qbx_core:server:onGroupUpdate': (player) => reread(player) },
  };
}
