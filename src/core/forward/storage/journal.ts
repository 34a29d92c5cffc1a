/**
 * The forward journal: one NDJSON line per accepted event (written before the CAD gets its reply) and
 * one per target that event is done with. Replaying it on start yields what is still owed; compaction
 * rewrites it with only that, so its size follows the backlog, not the traffic.
 */
import { join } from 'node:path';
import type { Backlog } from '../queue/backlog';
import type { QueuedEvent } from '../queue/queued-event';
import { AppendFile, replaceFile } from './append-file';
import type { FileSystem } from './file-system';
import { type EventLine, EventLineSchema, type SettleLine, SettleLineSchema } from './lines';
import { readLines } from './ndjson';

const JOURNAL_FILE = 'journal.ndjson';
/** A journal this small is never worth rewriting. */
const COMPACT_MIN_BYTES = 4 * 1024 * 1024;
/** Journal bytes per entry beyond the push itself: id, type, target names, settle lines. */
const LINE_OVERHEAD = 256;

/** Whether a journal was ever written in `dir` (a forwarder with no targets writes none). */
export function journalExists(fs: FileSystem, dir: string): boolean {
  return fs.existsSync(join(dir, JOURNAL_FILE));
}

/** An event as replayed: `pending` holds the targets not yet done with it. */
export interface JournalEvent {
  seq: number;
  id: string;
  at: number;
  type: string;
  pending: Set<string>;
  raw: string;
}

export interface LoadedJournal {
  /** What a previous run left undelivered, oldest first. */
  events: JournalEvent[];
  /** Lines that are not JSON, or not of either shape: a line cut by a crash, or edited by hand. */
  skipped: number;
}

function eventLine(entry: QueuedEvent): string {
  const { seq: s, id, at, type, pending, raw } = entry;
  return `${JSON.stringify({ s, id, at, type, to: [...pending], raw } satisfies EventLine)}\n`;
}

function* eventLines(entries: Iterable<QueuedEvent>): Generator<string> {
  for (const entry of entries) yield eventLine(entry);
}

function parseLine(line: string): EventLine | SettleLine | null {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return null;
  }
  const event = EventLineSchema.safeParse(record);
  if (event.success) return event.data;
  const settle = SettleLineSchema.safeParse(record);
  return settle.success ? settle.data : null;
}

/** Reads the journal in `dir`; a missing one is empty. Throws when it cannot be read. */
export function loadJournal(fs: FileSystem, dir: string): LoadedJournal {
  const events = new Map<number, JournalEvent>();
  let skipped = 0;
  readLines(fs, join(dir, JOURNAL_FILE), (line) => {
    const record = parseLine(line);
    if (!record) skipped += 1;
    else if (!('to' in record)) events.get(record.s)?.pending.delete(record.t);
    else {
      const { s: seq, id, at, type, to, raw } = record;
      events.set(seq, { seq, id, at, type, pending: new Set(to), raw });
    }
  });
  return { events: [...events.values()].filter((event) => event.pending.size > 0), skipped };
}

export class Journal {
  private readonly file: AppendFile;

  /** Writes a fresh journal holding `live` (the whole backlog, oldest first), then appends to it. */
  constructor(fs: FileSystem, dir: string, live: Iterable<QueuedEvent>) {
    const path = join(dir, JOURNAL_FILE);
    replaceFile(fs, path, eventLines(live));
    this.file = new AppendFile(fs, path);
  }

  get bytes(): number {
    return this.file.bytes;
  }

  append(entry: QueuedEvent): void {
    this.file.append(eventLine(entry));
  }

  /** One write for every target done with the event in this turn. */
  settle(seq: number, targets: readonly string[]): void {
    let lines = '';
    for (const t of targets) lines += `${JSON.stringify({ s: seq, t } satisfies SettleLine)}\n`;
    this.file.append(lines);
  }

  /** Rewrites the file when most of it describes finished work. */
  compactIfWorthIt(backlog: Pick<Backlog, 'size' | 'count' | 'bytes' | 'live'>): void {
    if (this.file.bytes < COMPACT_MIN_BYTES) return;
    if (backlog.size === 0) this.file.truncate();
    else if (this.file.bytes > 2 * (backlog.bytes + LINE_OVERHEAD * backlog.count))
      this.file.rewrite(eventLines(backlog.live()));
  }

  close(): void {
    this.file.close();
  }
}
