/**
 * `sonorancad status`: is the resource receiving, what did it answer, who is logged in to the CAD, is
 * forwarding keeping up.
 */

import type { UnitCache } from '../cache/units';
import type { LoadedConfig } from '../config/load';
import type { ForwarderStatus } from '../forward/forwarder';
import type { Stats } from '../stats';
import type { WebsocketView } from '../websocket/transport';
import { clock, duration } from './duration';
import { laneLine } from './lane-line';
import type { Subcommand } from './router';
import { storageLine } from './storage-line';
import { websocketLines } from './websocket-status';

export interface StatusDeps {
  stats: Stats;
  now: () => number;
  version: string;
  apiKeySource: LoadedConfig['apiKeySource'];
  forwarding: () => ForwarderStatus;
  websocket: () => WebsocketView;
  duplicatesDropped: () => number;
  units: Pick<UnitCache, 'size' | 'hasDispatcher'>;
}

const KEY_SOURCES: Record<LoadedConfig['apiKeySource'], string> = {
  setting: 'API key from the convar (relay: environment)',
  'config.json': 'API key from config.json',
  none: 'NO API KEY, so every push is answered 503',
};

/** `a 3, b 1`, largest first. */
function counts(record: Record<string, number>, separator = ' '): string {
  return Object.entries(record)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([key, count]) => `${key}${separator}${count}`)
    .join(', ');
}

function forwardingLines(state: ForwarderStatus, now: number): string[] {
  if (state.targets.length === 0) return ['Forwarding: no targets configured.'];
  const { backlog } = state;
  const lines = [
    `Forwarding: ${backlog.events} undelivered (at most ${backlog.maxEvents}), ` +
      `${state.overflowed} overflowed to dead letters since start.`,
  ];
  const storage = storageLine(state);
  if (storage) lines.push(storage);
  return [...lines, ...state.targets.map((lane) => laneLine(lane, now))];
}

export function statusCommand(deps: StatusDeps): Subcommand {
  return {
    name: 'status',
    usage: 'status',
    summary: 'Uptime, pushes received and answered, the websocket, forwarding health.',
    run(context) {
      const now = deps.now();
      const stats = deps.stats.snapshot();
      const received = Object.values(stats.byType).reduce((sum, count) => sum + count, 0);
      const lines = [
        `sonorancad ${deps.version}, up ${duration(now - stats.startedAt)}; ${KEY_SOURCES[deps.apiKeySource]}.`,
        received === 0
          ? 'Events received: none since start.'
          : `Events received: ${received} (${counts(stats.byType)}).`,
        stats.lastEventAt === null
          ? 'Last event: none since start.'
          : `Last event: ${clock(stats.lastEventAt)}, ${duration(now - stats.lastEventAt)} ago.`,
        `Wrong or missing keys: ${stats.authFailures}.`,
        `CAD units logged in: ${deps.units.size}; ${deps.units.hasDispatcher() ? 'a dispatcher is online' : 'no dispatcher online'}.`,
        Object.keys(stats.byStatus).length === 0
          ? 'Replies: none yet.'
          : `Replies: ${counts(stats.byStatus, ' ×')}.`,
        ...websocketLines(
          deps.websocket(),
          { ...stats.byTransport, duplicatesDropped: deps.duplicatesDropped() },
          now,
        ),
        ...forwardingLines(deps.forwarding(), now),
      ];
      for (const line of lines) context.reply(line);
    },
  };
}

/** What `status` says while config.json keeps the resource from running. */
export function brokenConfigStatusCommand(problems: string[], hint: string): Subcommand {
  return {
    name: 'status',
    usage: 'status',
    summary: 'Why the resource is not running.',
    run(context) {
      context.reply('NOT RUNNING: config.json is invalid, so every push is answered 503.');
      for (const problem of problems) context.reply(`  ${problem}`);
      context.reply(hint);
    },
  };
}
