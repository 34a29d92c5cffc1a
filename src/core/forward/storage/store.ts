/**
 * The journal and the dead-letter file together, behind one guard: disk trouble must not stop
 * delivery, so a failed write leaves the event in memory, is remembered for `status`, and reaches the
 * console at most every REPORT_EVERY_MS.
 */
import type { Logger } from '../../log';
import type { Timers } from '../../runtime';
import { errorMessage } from '../../text';
import type { Backlog } from '../queue/backlog';
import type { QueuedEvent } from '../queue/queued-event';
import { type DeadLetter, DeadLetterFile } from './dead-letters';
import { Journal } from './journal';

const REPORT_EVERY_MS = 10_000;

export interface StoreDeps {
  /** The forwarding folder inside the host's writable folder. */
  dir: string;
  maxDeadLetterBytes: number;
  timers: Timers;
  log: Logger;
}

export interface StorageStatus {
  journalBytes: number;
  deadLetterBytes: number;
  /** Set while the journal or dead-letter file cannot be written. */
  storageError: string | null;
}

export interface ForwardStore {
  /** Opens both files, then hands the journal to `replay` (inside the guard: a bad journal is reported, not thrown). */
  open(replay: (journal: Journal) => void): void;
  close(): void;
  append(event: QueuedEvent): void;
  /** One target is done with the event; the journal is compacted when the backlog lets go of it. */
  settle(event: QueuedEvent, target: string, released: Backlog | null): void;
  deadLetter(letter: DeadLetter): void;
  /** Removes and returns one target's dead letters; null while the files are not open. */
  takeDeadLetters(target: string): DeadLetter[] | null;
  status(): StorageStatus;
}

export function createForwardStore(deps: StoreDeps): ForwardStore {
  const { timers, log } = deps;
  let journal: Journal | null = null;
  let deadLetters: DeadLetterFile | null = null;
  let storageError: string | null = null;
  let lastReport = Number.NEGATIVE_INFINITY;

  function guard(what: string, write: () => void): void {
    try {
      write();
      if (journal && deadLetters) storageError = null;
    } catch (error) {
      storageError = `${what}: ${errorMessage(error)}`;
      const now = timers.now();
      if (now - lastReport < REPORT_EVERY_MS) return;
      lastReport = now;
      log.error(
        `Forwarding storage failed (${storageError}); undelivered events are only in memory until it works.`,
      );
    }
  }

  return {
    open(replay) {
      guard('opening the journal', () => {
        journal = new Journal(deps.dir);
        deadLetters = new DeadLetterFile(deps.dir, deps.maxDeadLetterBytes);
        replay(journal);
      });
    },
    close() {
      guard('closing the journal', () => {
        journal?.close();
        deadLetters?.close();
      });
      journal = null;
      deadLetters = null;
    },
    append(event) {
      guard('journal', () => journal?.append(event));
    },
    settle(event, target, released) {
      guard('journal', () => journal?.settle(event.seq, target));
      if (released) guard('journal compaction', () => journal?.compactIfWorthIt(released));
    },
    deadLetter(letter) {
      guard('dead-letter file', () => {
        if (deadLetters?.add(letter)) {
          log.warn(
            'The dead-letter file reached forwarding.deadLetters.maxBytes and was rotated; older letters were dropped.',
          );
        }
      });
    },
    takeDeadLetters: (target) => deadLetters?.take(target) ?? null,
    status: () => ({
      journalBytes: journal?.bytes ?? 0,
      deadLetterBytes: deadLetters?.bytes ?? 0,
      storageError,
    }),
  };
}
