/**
 * Reliable forwarding, composed in flow order: an accepted push is filtered to its targets, journalled
 * (storage/) before the reply, queued per target (queue/), and sent (send/) in order with retries;
 * what a target will not get goes to the dead-letter file. A restart replays what the journal still owes.
 */
import { join } from 'node:path';
import type { Logger } from '../log';
import type { Timers } from '../runtime';
import { clip, errorMessage } from '../text';
import type { Envelope } from '../validate/envelope';
import type { Validation } from '../validate/validate';
import type { ResolvedForwarding, Target } from './config';
import { nodeCrypto } from './node-crypto';
import { Backlog } from './queue/backlog';
import type { Lane, LaneStatus } from './queue/lane';
import { createOverflow } from './queue/overflow';
import type { QueuedEvent } from './queue/queued-event';
import { createTargetFilter } from './queue/target-filter';
import { keylessBody, withKey } from './send/keyless-body';
import { createLanes } from './send/lanes';
import { TEST_EVENT_TYPE, testPush } from './send/test-event';
import type { DeadLetter } from './storage/dead-letters';
import { journalExists } from './storage/journal';
import { createForwardStore, type StorageStatus } from './storage/store';

/** Where the journal and dead letters live, inside the host's writable folder. */
export const FORWARD_DIR = 'forwarding';
/** How long `forward test` waits beyond the target's own timeout before answering "pending". */
const TEST_GRACE_MS = 5_000;

export interface ForwarderDeps {
  settings: ResolvedForwarding;
  /** The host's writable folder (runtime.dataDir). */
  dataDir: string;
  /** Masked out of raw forwards; sent only to includeKey targets. */
  apiKey: string;
  /** Reads the convar (relay: environment variable) a target names as its signing secret. */
  setting(name: string): string | undefined;
  timers: Timers;
  log: Logger;
  /** Footer name on Discord messages: the resource name. */
  source: string;
  /** [0, 1) for retry jitter; Math.random unless a test pins it. */
  random?: () => number;
}

export interface ForwarderStatus extends StorageStatus {
  targets: LaneStatus[];
  /** Undelivered events and their bytes, against the queue bounds. */
  backlog: { events: number; bytes: number; maxEvents: number; maxBytes: number };
  /** Events moved to dead letters by the queue bounds since start. */
  overflowed: number;
}

/** What became of a test event: `pending` when it was neither delivered nor given up on in time. */
export interface TestResult {
  id: string;
  outcome: 'delivered' | 'failed' | 'pending';
  reason?: string;
}

export interface Forwarder {
  /** Synchronous: the event is in the journal when this returns. Never throws. */
  enqueue(envelope: Envelope, validation: Validation): void;
  /** Opens the journal and replays what it still owes. */
  start(): void;
  stop(): void;
  status(): ForwarderStatus;
  /** Queues a test event for one target. Throws for an unknown target, one that is off, or while not running. */
  test(target: string): Promise<TestResult>;
  /** Re-queues one target's dead letters and re-enables it; returns how many. Throws when it cannot. */
  replay(target: string): number;
}

/** Who a dead letter is for; `includeKey` unknown for a target no longer configured. */
type LetterTarget = Pick<Target, 'name'> & Partial<Pick<Target, 'includeKey'>>;

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const { settings, timers, log, apiKey } = deps;
  // A target that is off queues nothing new; its lane still holds what the journal owes it.
  const filter = createTargetFilter(settings.targets.filter((target) => target.enabled));
  const backlog = new Backlog(settings.queue);
  const dir = join(deps.dataDir, FORWARD_DIR);
  const store = createForwardStore({
    dir,
    maxDeadLetterBytes: settings.deadLetters.maxBytes,
    timers,
    log,
  });
  const waiters = new Map<number, (reason: string | null) => void>();
  let nextSeq = 1;
  let running = false;

  /** Dead letters outlive the journal and never hold the key; a replay to an includeKey target adds it back. */
  function letter(event: QueuedEvent, target: LetterTarget, reason: string): DeadLetter {
    const { id, at, type, raw } = event;
    return {
      id,
      at,
      type,
      target: target.name,
      reason,
      deadAt: timers.now(),
      body: keylessBody(raw, apiKey),
    };
  }

  function onSettled(event: QueuedEvent, target: LetterTarget, reason: string | null, quiet = false): void {
    if (reason !== null) {
      store.deadLetter(letter(event, target, reason));
      if (!quiet) log.warn(`${target.name}: ${event.type} (${event.id}) moved to dead letters: ${reason}`);
    }
    store.settle(event, target.name, backlog.settle(event, target.name) ? backlog : null);
    waiters.get(event.seq)?.(reason);
  }

  const lanes = createLanes({
    settings,
    apiKey,
    setting: deps.setting,
    timers,
    log,
    source: deps.source,
    random: deps.random ?? Math.random,
    onSettled,
    onDisabled(target, reason) {
      log.error(
        `FORWARD TARGET "${target.name}" DISABLED: ${reason}. Its events go to the dead-letter file until the ` +
          `target is fixed and "sonorancad forward replay ${target.name}" is run.`,
      );
    },
  });
  const overflow = createOverflow(backlog, settings.queue, lanes.byName, timers, log);

  function add(at: number, type: string, names: string[], raw: string, id?: string): QueuedEvent {
    const pending = new Set(names);
    const event: QueuedEvent = {
      seq: nextSeq++,
      id: id ?? `msg_${nodeCrypto().randomUUID().replaceAll('-', '')}`,
      at,
      type,
      raw,
      pending,
      evicted: false,
    };
    store.append(event);
    backlog.add(event);
    for (const name of names) lanes.byName.get(name)!.push(event);
    overflow.enforce();
    return event;
  }

  function laneOf(name: string): Lane {
    const lane = lanes.byName.get(name);
    if (lane) return lane;
    const known = [...lanes.byName.keys()].join(', ') || 'none configured';
    throw new Error(`No forward target "${name}" (targets: ${known}).`);
  }

  return {
    enqueue(envelope, validation) {
      if (!running) return;
      try {
        const canonical = validation.understood ? validation.event.type : undefined;
        const targets = filter.select(envelope.type, canonical);
        if (targets.length === 0) return;
        // No key at rest: the journal keeps the received bytes only when an includeKey target needs them.
        const raw = targets.some((target) => target.includeKey)
          ? envelope.raw
          : keylessBody(envelope.raw, apiKey);
        add(
          timers.now(),
          envelope.type,
          targets.map((target) => target.name),
          raw,
        );
      } catch (error) {
        log.error(
          `A ${clip(envelope.type, 64)} push could not be queued for forwarding: ${errorMessage(error)}`,
        );
      }
    },

    start() {
      // No targets and no journal: nothing is written. A journal whose targets were all removed is still
      // replayed, which moves what it owed them to the dead-letter file.
      if (running || (lanes.byName.size === 0 && !journalExists(dir))) return;
      for (const warning of settings.warnings) log.warn(warning);
      if (settings.targets.some((target) => target.legacy)) {
        log.warn(
          'pushEventForwardUrl receives every push with the API key inside, as the official resource sends it. ' +
            'A forwarding target with a signing secret keeps the key on this server (docs/forwarding.md).',
        );
      }
      store.open((journal) => {
        const { events, damaged } = journal.load();
        if (damaged > 0)
          log.warn(`Skipped ${damaged} unreadable journal line(s) (a write cut short by a crash).`);
        for (const replayed of events) {
          const names = [...replayed.pending];
          nextSeq = Math.max(nextSeq, replayed.seq + 1);
          const event: QueuedEvent = { ...replayed, evicted: false };
          backlog.add(event);
          for (const name of names) lanes.byName.get(name)?.push(event);
          for (const name of names.filter((name) => !lanes.byName.has(name)))
            onSettled(event, { name }, 'target no longer configured');
        }
        if (events.length > 0) log.info(`Replaying ${events.length} undelivered event(s) from the journal.`);
        journal.compact(backlog.live());
        overflow.enforce();
      });
      running = true;
    },

    stop() {
      running = false;
      lanes.stop();
      overflow.stop();
      store.close();
    },

    status: () => ({
      targets: [...lanes.byName.values()].map((lane) => lane.status()),
      backlog: { events: backlog.count, bytes: backlog.bytes, ...settings.queue },
      ...store.status(),
      overflowed: overflow.count,
    }),

    test(name) {
      const lane = laneOf(name);
      if (!running) throw new Error('Forwarding is not running.');
      if (!lane.target.enabled) throw new Error(`Forward target "${name}" is off (enabled: false).`);
      const at = timers.now();
      const push = testPush(name, at);
      const raw = JSON.stringify(lane.target.includeKey ? { key: apiKey, ...push } : push);
      const { seq, id } = add(at, TEST_EVENT_TYPE, [name], raw);
      return new Promise((resolve) => {
        const timeout = timers.setTimeout(
          () => {
            waiters.delete(seq);
            resolve({ id, outcome: 'pending' });
          },
          lane.target.timeoutSeconds * 1000 + TEST_GRACE_MS,
        );
        waiters.set(seq, (reason) => {
          timers.clearTimeout(timeout);
          waiters.delete(seq);
          resolve(reason === null ? { id, outcome: 'delivered' } : { id, outcome: 'failed', reason });
        });
      });
    },

    replay(name) {
      const lane = laneOf(name);
      const problem = lanes.misconfigured.get(name);
      // Re-enabling would send without the signature the target was configured with.
      if (problem)
        throw new Error(`Forward target "${name}" stays disabled: ${problem}. Fix it and restart.`);
      const letters = running ? store.takeDeadLetters(name) : null;
      if (!letters) throw new Error('Forwarding storage is not open; see the console.');
      lane.enable();
      // A fresh maxAgeSeconds window from now, under the same webhook-id so receivers can deduplicate.
      const at = timers.now();
      for (const { id, type, body, raw } of letters) {
        // Letters from before keys were kept out of them may still hold the received bytes.
        const stored = raw ?? (body !== undefined && lane.target.includeKey ? withKey(body, apiKey) : body);
        if (stored !== undefined) add(at, type, [name], stored, id);
      }
      return letters.length;
    },
  };
}
