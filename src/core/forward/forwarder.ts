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
import { type ResolvedForwarding, startWarnings } from './config';
import { Backlog } from './queue/backlog';
import { createIntake, type Owed } from './queue/intake';
import type { LaneStatus } from './queue/lane';
import { createOverflow } from './queue/overflow';
import type { Schedule } from './queue/scheduler';
import { createTargetFilter } from './queue/target-filter';
import { keylessBody } from './send/keyless-body';
import { createLanes } from './send/lanes';
import { sendTestEvent, type TestResult } from './send/test-event';
import { replayDeadLetters } from './storage/dead-letter-replay';
import { type FileSystem, nodeFileSystem } from './storage/file-system';
import { journalExists } from './storage/journal';
import { replayJournal, restoreOwed } from './storage/journal-replay';
import { createSettlement } from './storage/settlement';
import { createForwardStore, type StorageStatus, type StoreCarry } from './storage/store';

/** Where the journal and dead letters live, inside the host's writable folder. */
export const FORWARD_DIR = 'forwarding';

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
  /** How lane steps run: the relay passes createScheduler(); otherwise each runs as a microtask. */
  schedule?: Schedule;
  /** Node's file system unless a test makes it fail. */
  fileSystem?: FileSystem;
}

/** What one generation hands the next on `sonorancad reload`: everything still owed, and the storage's state. */
export interface ForwardCarry {
  events: Owed[];
  storage: StoreCarry;
}

export interface ForwarderStatus extends StorageStatus {
  targets: LaneStatus[];
  /** Undelivered events and their bytes, against the queue bounds. */
  backlog: { events: number; bytes: number; maxEvents: number; maxBytes: number };
  /** Events moved to dead letters by the queue bounds since start. */
  overflowed: number;
}

export interface Forwarder {
  /** Synchronous: the event is in the journal when this returns. Never throws. */
  enqueue(envelope: Envelope, validation: Validation): void;
  /** Opens the journal and replays what it still owes, or takes over what the previous generation owed. */
  start(carried?: ForwardCarry): void;
  /** Stops sending and closes the files; returns what is still owed, for the next generation. */
  stop(): ForwardCarry;
  status(): ForwarderStatus;
  /** Queues a test event for one target. Throws for an unknown target, one that is off, or while not running. */
  test(target: string): Promise<TestResult>;
  /** Re-queues one target's dead letters and re-enables it; returns how many. Throws when it cannot. */
  replay(target: string): number;
}

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const { settings, timers, log, apiKey } = deps;
  // A target that is off queues nothing new; its lane still holds what the journal owes it.
  const filter = createTargetFilter(settings.targets.filter((target) => target.enabled));
  const dir = join(deps.dataDir, FORWARD_DIR);
  const fs = deps.fileSystem ?? nodeFileSystem;
  const backlog = new Backlog(settings.queue);
  const maxDeadLetterBytes = settings.deadLetters.maxBytes;
  const store = createForwardStore({ dir, maxDeadLetterBytes, backlog, fs, timers, log });
  const settlement = createSettlement({ store, backlog, apiKey, timers, log });
  const lanes = createLanes({
    settings,
    apiKey,
    setting: deps.setting,
    timers,
    log,
    source: deps.source,
    random: deps.random ?? Math.random,
    schedule: deps.schedule ?? queueMicrotask,
    onSettled: settlement.settle,
  });
  const overflow = createOverflow(backlog, settings.queue, lanes.byName, timers, log);
  const intake = createIntake(backlog, lanes.byName, overflow, store.append);
  let running = false;

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
        intake.add(
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

    start(carried) {
      if (running) return;
      // No targets, nothing owed and no journal: nothing is written. A journal whose targets were all
      // removed is still replayed, which moves what it owed them to the dead-letter file.
      const owed = carried ? carried.events.length + carried.storage.letters.length : 0;
      if (lanes.byName.size === 0 && owed === 0 && !journalExists(fs, dir)) return;
      for (const warning of startWarnings(settings)) log.warn(warning);
      const restore = {
        intake,
        configured: (name: string) => lanes.byName.has(name),
        settle: settlement.settle,
        log,
      };
      if (carried) restoreOwed(carried.events, false, restore);
      store.open((journal, late) => {
        replayJournal(journal, late, restore);
        overflow.enforce();
      }, carried?.storage);
      overflow.enforce();
      running = true;
    },

    stop() {
      running = false;
      lanes.stop();
      overflow.stop();
      settlement.flush();
      const storage = store.close();
      return { events: [...backlog.live()], storage };
    },

    status: () => ({
      targets: [...lanes.byName.values()].map((lane) => lane.status()),
      backlog: { events: backlog.count, bytes: backlog.bytes, ...settings.queue },
      ...store.status(),
      overflowed: overflow.count,
    }),

    test: (name) =>
      sendTestEvent(lanes.find(name), { intake, watch: settlement.watch, apiKey, timers, running }),

    replay: (name) =>
      replayDeadLetters(lanes.find(name), lanes.misconfigured.get(name), {
        store,
        intake,
        apiKey,
        timers,
        log,
        running,
      }),
  };
}
