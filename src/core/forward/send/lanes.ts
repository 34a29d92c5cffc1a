/**
 * One lane per target, each with its sender: the signing keys resolved from the setting the target
 * names, one keep-alive poster and one set of Discord rate limits shared by all of them. A target
 * disabled by its config or by its receiver is reported here.
 */
import type { Logger } from '../../log';
import type { Timers } from '../../runtime';
import { errorMessage } from '../../text';
import type { ResolvedForwarding, Target } from '../config';
import { createLane, type Lane, type LaneDeps } from '../queue/lane';
import type { QueuedEvent } from '../queue/queued-event';
import type { Schedule } from '../queue/scheduler';
import { createDiscordRateLimits } from './discord/rate-limit';
import { createPoster } from './http-post';
import { keylessBody } from './keyless-body';
import { createSender } from './sender';
import { parseSigningSecrets, type SigningKeys } from './sign';

export interface LanesDeps {
  settings: ResolvedForwarding;
  apiKey: string;
  /** Reads the convar (relay: environment variable) a target names as its signing secret. */
  setting(name: string): string | undefined;
  timers: Timers;
  log: Logger;
  /** Footer name on Discord messages: the resource name. */
  source: string;
  random: () => number;
  schedule: Schedule;
  onSettled: LaneDeps['onSettled'];
}

export interface Lanes {
  byName: ReadonlyMap<string, Lane>;
  /** The named target's lane; throws, naming the configured ones, when there is none. */
  find(name: string): Lane;
  /** Targets disabled by their own config (a signing secret missing): only a reload or restart fixes those. */
  misconfigured: ReadonlyMap<string, string>;
  stop(): void;
}

function signingKeys(
  target: Target,
  setting: (name: string) => string | undefined,
): { keys: SigningKeys | null; problem: string | null } {
  if (!target.secret) return { keys: null, problem: null };
  const value = setting(target.secret);
  if (!value) return { keys: null, problem: `its signing secret ${target.secret} is not set` };
  try {
    return { keys: parseSigningSecrets(value), problem: null };
  } catch (error) {
    return { keys: null, problem: `its signing secret ${target.secret} is unusable: ${errorMessage(error)}` };
  }
}

export function createLanes(deps: LanesDeps): Lanes {
  const { settings, timers, log } = deps;
  const laneDeps: LaneDeps = {
    timers,
    random: deps.random,
    policy: {
      firstDelayMs: settings.retry.firstDelaySeconds * 1000,
      maxDelayMs: settings.retry.maxDelaySeconds * 1000,
    },
    schedule: deps.schedule,
    onSettled: deps.onSettled,
    onDisabled(target, reason) {
      log.error(
        `FORWARD TARGET "${target.name}" DISABLED: ${reason}. Its events go to the dead-letter file until the ` +
          `target is fixed and "sonorancad forward replay ${target.name}" is run.`,
      );
    },
  };
  const poster = createPoster(timers);
  const keylessCopies = new WeakMap<QueuedEvent, string>();
  const senderDeps = {
    poster,
    timers,
    apiKey: deps.apiKey,
    discordLimits: createDiscordRateLimits(),
    keyless(entry: QueuedEvent) {
      let copy = keylessCopies.get(entry);
      if (copy === undefined) {
        copy = keylessBody(entry.raw, deps.apiKey);
        keylessCopies.set(entry, copy);
      }
      return copy;
    },
    embed: { source: deps.source, serverId: settings.discord.serverId },
  };
  const byName = new Map<string, Lane>();
  const misconfigured = new Map<string, string>();
  for (const target of settings.targets) {
    const { keys, problem } = signingKeys(target, deps.setting);
    if (problem) {
      misconfigured.set(target.name, problem);
      log.error(`Forward target "${target.name}" is disabled: ${problem}.`);
    }
    byName.set(target.name, createLane(target, createSender(target, keys, senderDeps), laneDeps, problem));
  }
  return {
    byName,
    find(name) {
      const lane = byName.get(name);
      if (lane) return lane;
      const known = [...byName.keys()].join(', ') || 'none configured';
      throw new Error(`No forward target "${name}" (targets: ${known}).`);
    },
    misconfigured,
    stop() {
      for (const lane of byName.values()) lane.stop();
      poster.close();
    },
  };
}
