/**
 * The forward journal: one NDJSON line per accepted event (written before the CAD gets its reply) and
 * one per target that event is done with. Replaying it on start yields what is still owed; compaction
 * rewrites it with only that, so its size follows the backlog, not the traffic.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainObject } from '../../json';
import type { Backlog } from '../queue/backlog';
import type { QueuedEvent } from '../queue/queued-event';
import { AppendFile } from './append-file';
import { readLines } from './ndjson';

const JOURNAL_FILE = 'journal.ndjson';
/** A journal this small is never worth rewriting. */
const COMPACT_MIN_BYTES = 4 * 1024 * 1024;
/** Journal bytes per entry beyond the push itself: id, type, target names, settle lines. */
const LINE_OVERHEAD = 256;

/** Whether a journal was ever written in `dir` (a forwarder with no targets writes none). */
export function journalExists(dir: string): boolean {
  return existsSync(join(dir, JOURNAL_FILE));
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

interface EventLine {
  s: number;
  id: string;
  at: number;
  type: string;
  to: string[];
  raw: string;
}

interface SettleLine {
  s: number;
  t: string;
}

function eventLine(entry: QueuedEvent): string {
  const { seq: s, id, at, type, pending, raw } = entry;
  return `${JSON.stringify({ s, id, at, type, to: [...pending], raw } satisfies EventLine)}\n`;
}

function* eventLines(entries: Iterable<QueuedEvent>): Generator<string> {
  for (const entry of entries) yield eventLine(entry);
}

function parseLine(line: string): EventLine | SettleLine | null {
  try {
    const record: unknown = JSON.parse(line);
    return isPlainObject(record) ? (record as unknown as EventLine | SettleLine) : null;
  } catch {
    return null;
  }
}

function isEventLine(record: EventLine | SettleLine): record is EventLine {
  return Array.isArray((record as EventLine).to);
}

export class Journal {
  private readonly file: AppendFile;

  constructor(dir: string) {
    this.file = new AppendFile(join(dir, JOURNAL_FILE));
  }

  get bytes(): number {
    return this.file.bytes;
  }

  /** What a previous run left undelivered, oldest first; `damaged` counts unreadable lines (a cut last line). */
  load(): { events: JournalEvent[]; damaged: number } {
    const events = new Map<number, JournalEvent>();
    let damaged = 0;
    readLines(this.file.path, (line) => {
      const record = parseLine(line);
      if (!record) {
        damaged += 1;
        return;
      }
      if (!isEventLine(record)) {
        events.get(record.s)?.pending.delete(record.t);
        return;
      }
      const { s: seq, id, at, type, to, raw } = record;
      events.set(seq, { seq, id, at, type, pending: new Set(to), raw });
    });
    return { events: [...events.values()].filter((event) => event.pending.size > 0), damaged };
  }

  append(entry: QueuedEvent): void {
    this.file.append(eventLine(entry));
  }

  settle(seq: number, target: string): void {
    this.file.append(`${JSON.stringify({ s: seq, t: target } satisfies SettleLine)}\n`);
  }

  /** Rewrites the file when most of it describes finished work. */
  compactIfWorthIt(backlog: Pick<Backlog, 'size' | 'count' | 'bytes' | 'live'>): void {
    if (this.file.bytes < COMPACT_MIN_BYTES) return;
    if (backlog.size === 0) this.file.truncate();
    else if (this.file.bytes > 2 * (backlog.bytes + LINE_OVERHEAD * backlog.count))
      this.compact(backlog.live());
  }

  /** `live` is the whole backlog, oldest first, each entry with the targets it is still owed. */
  compact(live: Iterable<QueuedEvent>): void {
    this.file.rewrite(eventLines(live));
  }

  close(): void {
    this.file.close();
  }
}
