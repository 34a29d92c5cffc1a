/**
 * The journal and the dead-letter file together. Disk trouble never stops delivery nor loses what is
 * owed: when a write or open fails, the file is closed, what it would have held stays in memory
 * (within the queue bounds), and health.ts reports it and retries. Healing writes the whole backlog as
 * a fresh journal first (so a line cut by the failure is gone), then the dead letters kept meanwhile.
 */
import type { Logger } from '../../log';
import type { Timers } from '../../runtime';
import type { Backlog } from '../queue/backlog';
import type { QueuedEvent } from '../queue/queued-event';
import { type DeadLetter, DeadLetterFile, type TakenLetters } from './dead-letters';
import type { FileSystem } from './file-system';
import { createHealth, type StorageFailure } from './health';
import { Journal, type LoadedJournal, loadJournal } from './journal';

export interface StoreDeps {
  /** The forwarding folder inside the host's writable folder. */
  dir: string;
  maxDeadLetterBytes: number;
  backlog: Backlog;
  fs: FileSystem;
  timers: Timers;
  log: Logger;
}

export interface StorageStatus {
  journalBytes: number;
  deadLetterBytes: number;
  /** Set while the journal or dead-letter file cannot be written (or the journal read). */
  storage: (StorageFailure & { onlyInMemory: number }) | null;
}

/** What a store hands the next one on `sonorancad reload`, with the backlog itself. */
export interface StoreCarry {
  /** The journal's events are in the backlog; if not, the next store still has to read it. */
  journalRead: boolean;
  /** Events up to this sequence number are in the journal. */
  writtenThrough: number;
  /** Dead letters not yet written. */
  letters: DeadLetter[];
}

/**
 * `late`: the journal could not be read at first, and the backlog already holds other events, so its
 * events must join under new sequence numbers.
 */
export type Restore = (loaded: LoadedJournal, late: boolean) => void;

export interface ForwardStore {
  /** Reads the journal (into `restore`) unless `carried` says it was, then writes the backlog as the journal. */
  open(restore: Restore, carried?: StoreCarry): void;
  close(): StoreCarry;
  append(event: QueuedEvent): void;
  /** These targets are done with the event; the journal is compacted when the backlog lets go of it. */
  settle(event: QueuedEvent, targets: readonly string[], released: Backlog | null): void;
  deadLetter(letter: DeadLetter): void;
  /** Removes and returns one target's dead letters; null while the file is not open. */
  takeDeadLetters(target: string): TakenLetters | null;
  status(): StorageStatus;
}

/** Closing a file that just failed may fail too; the next open starts afresh either way. */
function closeQuietly(file: { close(): void } | null): void {
  try {
    file?.close();
  } catch {
    // Nothing more to do.
  }
}

export function createForwardStore(deps: StoreDeps): ForwardStore {
  const { dir, backlog, fs, log } = deps;
  let journal: Journal | null = null;
  let deadLetters: DeadLetterFile | null = null;
  let journalRead = false;
  let writtenThrough = 0;
  /** Dead letters the file could not take yet, oldest first, at most maxDeadLetterBytes of them. */
  let letters: DeadLetter[] = [];
  let letterBytes = 0;
  let droppedLetters = 0;
  let restore: Restore = () => {};

  const onlyInMemory = () => {
    let count = 0;
    for (const event of backlog.live()) if (event.seq > writtenThrough) count += 1;
    return count;
  };
  const health = createHealth({ timers: deps.timers, log, retry: () => bringUp(true), onlyInMemory });

  const closeJournal = () => {
    closeQuietly(journal);
    journal = null;
  };
  const closeDeadLetters = () => {
    closeQuietly(deadLetters);
    deadLetters = null;
  };

  /** Runs `step`; a failure closes the file it concerns and is reported. */
  function attempt(what: string, step: () => void, onFailure: () => void): boolean {
    try {
      step();
      return true;
    } catch (error) {
      onFailure();
      health.failed(what, error);
      return false;
    }
  }

  function keepLetter(letter: DeadLetter): void {
    letters.push(letter);
    letterBytes += letter.body?.length ?? 0;
    while (letterBytes > deps.maxDeadLetterBytes && letters.length > 1) {
      letterBytes -= letters.shift()!.body?.length ?? 0;
      droppedLetters += 1;
    }
  }

  function writeLetter(letter: DeadLetter): void {
    if (deadLetters!.add(letter)) {
      log.warn(
        'The dead-letter file reached forwarding.deadLetters.maxBytes and was rotated; older letters were dropped.',
      );
    }
  }

  function openDeadLetters(): void {
    deadLetters = new DeadLetterFile(fs, dir, deps.maxDeadLetterBytes);
    if (deadLetters.trimmed > 0) {
      log.warn(`Dead letters: removed a last line cut short (${deadLetters.trimmed} bytes).`);
    }
    while (letters.length > 0) {
      writeLetter(letters[0]!);
      letterBytes -= letters.shift()!.body?.length ?? 0;
    }
  }

  /** Every step that is not done yet; `retry` when storage failed before. */
  function bringUp(retry: boolean): void {
    const caughtUp = { events: onlyInMemory(), letters: letters.length };
    if (!journalRead) {
      attempt(
        'reading the journal',
        () => {
          const loaded = loadJournal(fs, dir);
          const late = backlog.size > 0;
          journalRead = true;
          restore(loaded, late);
          // Still in the file they came from; renumbered ones count as memory until it is rewritten.
          if (!late) for (const event of loaded.events) writtenThrough = Math.max(writtenThrough, event.seq);
        },
        closeJournal,
      );
    }
    if (journalRead && !journal) {
      attempt(
        'writing the journal',
        () => {
          fs.mkdirSync(dir, { recursive: true });
          journal = new Journal(fs, dir, backlog.live());
          let last = writtenThrough;
          for (const event of backlog.live()) last = Math.max(last, event.seq);
          writtenThrough = last;
        },
        closeJournal,
      );
    }
    if (!deadLetters) attempt('opening the dead-letter file', openDeadLetters, closeDeadLetters);
    if (!retry || !journal || !deadLetters) return;
    const dropped = droppedLetters ? `; ${droppedLetters} older dead letter(s) did not fit in memory` : '';
    droppedLetters = 0;
    health.recovered(
      `Forwarding storage works again: wrote the ${caughtUp.events} event(s) held only in memory to the ` +
        `journal and ${caughtUp.letters} dead letter(s) to their file${dropped}.`,
    );
  }

  return {
    open(replay, carried) {
      restore = replay;
      if (carried) {
        ({ journalRead, writtenThrough } = carried);
        letters = [...carried.letters, ...letters];
      }
      letterBytes = letters.reduce((sum, letter) => sum + (letter.body?.length ?? 0), 0);
      bringUp(false);
    },
    close() {
      health.stop();
      closeJournal();
      closeDeadLetters();
      return { journalRead, writtenThrough, letters };
    },
    append(event) {
      const open = journal;
      if (!open) return;
      if (attempt('writing the journal', () => open.append(event), closeJournal)) writtenThrough = event.seq;
    },
    settle(event, targets, released) {
      const open = journal;
      if (!open) return;
      if (!attempt('writing the journal', () => open.settle(event.seq, targets), closeJournal)) return;
      if (released) attempt('compacting the journal', () => open.compactIfWorthIt(released), closeJournal);
    },
    deadLetter(letter) {
      const open = deadLetters;
      if (!open) keepLetter(letter);
      else if (!attempt('writing the dead-letter file', () => writeLetter(letter), closeDeadLetters))
        keepLetter(letter);
    },
    takeDeadLetters(target) {
      const open = deadLetters;
      if (!open) return null;
      try {
        return open.take(target);
      } catch (error) {
        closeDeadLetters();
        health.failed('rewriting the dead-letter file', error);
        throw error;
      }
    },
    status: () => {
      const failure = health.failure;
      return {
        journalBytes: journal?.bytes ?? 0,
        deadLetterBytes: deadLetters?.bytes ?? 0,
        storage: failure ? { ...failure, onlyInMemory: onlyInMemory() } : null,
      };
    },
  };
}
