/**
 * Reliable forwarding, composed: accepted pushes are journalled before the reply, fanned out to the
 * targets whose filters match, delivered per target in order with retries, and given up on into the
 * dead-letter file. A restart replays whatever the journal still owes.
 */
import { join } from 'node:path';
import type { Logger } from '../log';
import type { Timers } from '../runtime';
import type { Envelope } from '../validate/envelope';
import type { Validation } from '../validate/validate';
import { Backlog } from './backlog';
import type { ResolvedForwarding, Target } from './config';
import { type DeadLetter, DeadLetterFile } from './dead-letters';
import { createPoster } from './deliver';
import { createDiscordRateLimits } from './discord/rate-limit';
import type { Entry } from './entry';
import { Journal } from './journal';
import { createLane, type Lane, type LaneStatus } from './lane';
import { nodeCrypto } from './node-crypto';
import { keylessBody, TEST_EVENT_TYPE, testPush } from './payload';
import { createSender } from './sender';
import { parseSigningSecrets, type SigningKeys } from './sign';
import { createTargetFilter } from './targets';

/** Where the journal and dead letters live, inside the host's writable folder. */
export const FORWARD_DIR = 'forwarding';
/** Overflow and journal trouble are reported at most this often, with a count. */
const REPORT_EVERY_MS = 10_000;
/** How long `forward test` waits beyond the target's own timeout before answering "still queued". */
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

export interface ForwarderStatus {
  targets: LaneStatus[];
  /** Undelivered events and their bytes, against the queue bounds. */
  backlog: { events: number; bytes: number; maxEvents: number; maxBytes: number };
  journalBytes: number;
  deadLetterBytes: number;
  /** Events moved to dead letters by the queue bounds since start. */
  overflowed: number;
  /** Set while the journal or dead-letter file cannot be written. */
  storageError: string | null;
}

export interface Forwarder {
  /** Synchronous: the event is in the journal when this returns. Never throws. */
  accept(envelope: Envelope, validation: Validation): void;
  /** Opens the journal and replays what it still owes. */
  start(): void;
  stop(): void;
  status(): ForwarderStatus;
  /** Queues a test event for one target and resolves with what became of it. */
  test(target: string): Promise<string>;
  /** Re-queues one target's dead letters; returns how many. */
  replay(target: string): number;
}

/** Who a dead letter is for; `includeKey` unknown for a target no longer configured. */
interface DeadLetterTarget {
  name: string;
  includeKey?: boolean;
}

interface NewEntry {
  id?: string;
  at: number;
  type: string;
  names: string[];
  raw: string;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const { settings, timers, log, apiKey } = deps;
  const dir = join(deps.dataDir, FORWARD_DIR);
  const filter = createTargetFilter(settings.targets);
  const backlog = new Backlog(settings.queue);
  const waiters = new Map<number, (reason: string | null) => void>();
  const discordLimits = createDiscordRateLimits();
  const lanes = new Map<string, Lane>();
  /** Targets disabled by their own config (a signing secret missing): only a reload or restart fixes those. */
  const misconfigured = new Map<string, string>();
  let journal: Journal | null = null;
  let deadLetters: DeadLetterFile | null = null;
  let storageError: string | null = null;
  let lastStorageReport = Number.NEGATIVE_INFINITY;
  let nextSeq = 1;
  let running = false;
  let overflowed = 0;
  let overflowUnreported = 0;
  let overflowTimer: unknown;

  /** Disk trouble must not stop delivery: events stay in memory, and the console hears about it. */
  function store(what: string, write: () => void): void {
    try {
      write();
      if (journal && deadLetters) storageError = null;
    } catch (error) {
      storageError = `${what}: ${describe(error)}`;
      const now = timers.now();
      if (now - lastStorageReport < REPORT_EVERY_MS) return;
      lastStorageReport = now;
      log.error(
        `Forwarding storage failed (${storageError}); undelivered events are only in memory until it works.`,
      );
    }
  }

  function reportOverflow(): void {
    overflowTimer = undefined;
    if (overflowUnreported === 0) return;
    const { maxEvents, maxBytes } = settings.queue;
    log.error(
      `FORWARD QUEUE FULL (${maxEvents} events / ${maxBytes} bytes): moved the ${overflowUnreported} oldest ` +
        `undelivered event(s) to the dead-letter file (${overflowed} since start). Check the targets with ` +
        '"sonorancad forward status", then "sonorancad forward replay <target>".',
    );
    overflowUnreported = 0;
    overflowTimer = timers.setTimeout(reportOverflow, REPORT_EVERY_MS);
  }

  function enforceBounds(): void {
    if (!backlog.over) return;
    const touched = new Set<Lane>();
    for (const entry of backlog.overflow()) {
      overflowed += 1;
      overflowUnreported += 1;
      for (const name of entry.pending) touched.add(lanes.get(name)!);
    }
    for (const lane of touched) lane.evicted();
    // Reported on the next tick, so a burst of pushes makes one line with its whole count.
    if (touched.size > 0 && overflowTimer === undefined) overflowTimer = timers.setTimeout(reportOverflow, 0);
  }

  /** Dead letters outlive the journal, so only includeKey targets' letters (and unknown ones') keep the key. */
  function letter(entry: Entry, target: DeadLetterTarget, reason: string): DeadLetter {
    const { id, at, type, raw } = entry;
    const letter: DeadLetter = { id, at, type, target: target.name, reason, deadAt: timers.now() };
    if (target.includeKey === false) letter.body = keylessBody(raw, apiKey);
    else letter.raw = raw;
    return letter;
  }

  function settled(entry: Entry, target: DeadLetterTarget, reason: string | null, quiet = false): void {
    if (reason !== null) {
      store('dead-letter file', () => {
        if (deadLetters?.add(letter(entry, target, reason))) {
          log.warn(
            'The dead-letter file reached forwarding.deadLetters.maxBytes and was rotated; older letters were dropped.',
          );
        }
      });
      if (!quiet) log.warn(`${target.name}: ${entry.type} (${entry.id}) moved to dead letters: ${reason}`);
    }
    store('journal', () => journal?.settle(entry.seq, target.name));
    if (backlog.settle(entry, target.name))
      store('journal compaction', () => journal?.compactIfWorthIt(backlog));
    waiters.get(entry.seq)?.(reason);
  }

  function disabled(target: Target, reason: string): void {
    log.error(
      `FORWARD TARGET "${target.name}" DISABLED: ${reason}. Its events go to the dead-letter file until the ` +
        `target is fixed and "sonorancad forward replay ${target.name}" is run.`,
    );
  }

  function enqueue(spec: NewEntry): Entry {
    const { at, type, names, raw } = spec;
    const entry: Entry = {
      seq: nextSeq++,
      id: spec.id ?? `msg_${nodeCrypto().randomUUID().replaceAll('-', '')}`,
      at,
      type,
      raw,
      pending: new Set(names),
      evicted: false,
    };
    store('journal', () => journal?.append(entry));
    backlog.add(entry);
    for (const name of names) lanes.get(name)!.push(entry);
    enforceBounds();
    return entry;
  }

  function signingKeys(target: Target): { keys: SigningKeys | null; problem: string | null } {
    if (!target.secret) return { keys: null, problem: null };
    const value = deps.setting(target.secret);
    if (!value) return { keys: null, problem: `its signing secret ${target.secret} is not set` };
    try {
      return { keys: parseSigningSecrets(value), problem: null };
    } catch (error) {
      return { keys: null, problem: `its signing secret ${target.secret} is unusable: ${describe(error)}` };
    }
  }

  const laneDeps = {
    timers,
    random: deps.random ?? Math.random,
    policy: {
      firstDelayMs: settings.retry.firstDelaySeconds * 1000,
      maxDelayMs: settings.retry.maxDelaySeconds * 1000,
    },
    settled,
    disabled,
  };
  const poster = createPoster(timers);
  const senderDeps = {
    poster,
    timers,
    apiKey,
    discordLimits,
    embed: { source: deps.source, serverId: settings.discord.serverId },
  };
  for (const target of settings.targets) {
    const { keys, problem } = signingKeys(target);
    if (problem) {
      misconfigured.set(target.name, problem);
      log.error(`Forward target "${target.name}" is disabled: ${problem}.`);
    }
    lanes.set(target.name, createLane(target, createSender(target, keys, senderDeps), laneDeps, problem));
  }

  function laneOf(name: string): Lane {
    const lane = lanes.get(name);
    if (lane) return lane;
    const known = [...lanes.keys()].join(', ') || 'none configured';
    throw new Error(`No forward target "${name}" (targets: ${known}).`);
  }

  function replayJournal(): void {
    const { events, damaged } = journal!.load();
    if (damaged > 0)
      log.warn(`Skipped ${damaged} unreadable journal line(s) (a write cut short by a crash).`);
    for (const event of events) {
      const names = [...event.pending];
      nextSeq = Math.max(nextSeq, event.seq + 1);
      const entry: Entry = { ...event, evicted: false };
      backlog.add(entry);
      for (const name of names) lanes.get(name)?.push(entry);
      for (const name of names.filter((name) => !lanes.has(name)))
        settled(entry, { name }, 'target no longer configured');
    }
    if (events.length > 0) log.info(`Replaying ${events.length} undelivered event(s) from the journal.`);
    journal!.compact(backlog.live());
    enforceBounds();
  }

  return {
    accept(envelope, validation) {
      if (!running) return;
      try {
        const canonical = validation.understood ? validation.event.type : undefined;
        const targets = filter.select(envelope.type, canonical);
        if (targets.length === 0) return;
        enqueue({
          at: timers.now(),
          type: envelope.type,
          names: targets.map((target) => target.name),
          raw: envelope.raw,
        });
      } catch (error) {
        log.error(
          `A ${envelope.type.slice(0, 64)} push could not be queued for forwarding: ${describe(error)}`,
        );
      }
    },

    start() {
      // No targets: nothing is written, and an old journal waits untouched for targets to return.
      if (running || lanes.size === 0) return;
      for (const warning of settings.warnings) log.warn(warning);
      if (settings.targets.some((target) => target.legacy)) {
        log.warn(
          'pushEventForwardUrl receives every push with the API key inside, as the official resource sends it. ' +
            'A forwarding target with a signing secret keeps the key on this server (docs/forwarding.md).',
        );
      }
      store('opening the journal', () => {
        journal = new Journal(dir);
        deadLetters = new DeadLetterFile(dir, settings.deadLetters.maxBytes);
        replayJournal();
      });
      running = true;
    },

    stop() {
      running = false;
      for (const lane of lanes.values()) lane.stop();
      poster.close();
      if (overflowTimer !== undefined) timers.clearTimeout(overflowTimer);
      store('closing the journal', () => {
        journal?.close();
        deadLetters?.close();
      });
      journal = null;
      deadLetters = null;
    },

    status: () => ({
      targets: [...lanes.values()].map((lane) => lane.status()),
      backlog: { events: backlog.count, bytes: backlog.bytes, ...settings.queue },
      journalBytes: journal?.bytes ?? 0,
      deadLetterBytes: deadLetters?.bytes ?? 0,
      overflowed,
      storageError,
    }),

    test(name) {
      const lane = laneOf(name);
      if (!running) throw new Error('Forwarding is not running.');
      const at = timers.now();
      const push = testPush(name, at);
      const raw = JSON.stringify(lane.target.includeKey ? { key: apiKey, ...push } : push);
      const entry = enqueue({ at, type: TEST_EVENT_TYPE, names: [name], raw });
      return new Promise((resolve) => {
        const timeout = timers.setTimeout(
          () => {
            waiters.delete(entry.seq);
            resolve(`Test event ${entry.id} is still queued for "${name}"; see "sonorancad forward status".`);
          },
          lane.target.timeoutSeconds * 1000 + TEST_GRACE_MS,
        );
        waiters.set(entry.seq, (reason) => {
          timers.clearTimeout(timeout);
          waiters.delete(entry.seq);
          resolve(
            reason === null
              ? `Test event ${entry.id} delivered to "${name}".`
              : `Test event ${entry.id} was not delivered to "${name}": ${reason}`,
          );
        });
      });
    },

    replay(name) {
      const lane = laneOf(name);
      const problem = misconfigured.get(name);
      // Re-enabling would send without the signature the target was configured with.
      if (problem)
        throw new Error(`Forward target "${name}" stays disabled: ${problem}. Fix it and restart.`);
      if (!running || !deadLetters) throw new Error('Forwarding storage is not open; see the console.');
      const letters = deadLetters.take(name);
      lane.enable();
      // A fresh maxAgeSeconds window from now, under the same webhook-id so receivers can deduplicate.
      const at = timers.now();
      for (const { id, type, body, raw } of letters) {
        const stored = raw ?? body;
        if (stored !== undefined) enqueue({ id, at, type, names: [name], raw: stored });
      }
      return letters.length;
    },
  };
}
