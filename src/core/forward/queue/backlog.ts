/**
 * Every undelivered event, oldest first, counted against the queue bounds. Per-target queues hold the
 * same entries in the same order, so the oldest entry here is at the head of each queue that has it.
 */
import type { QueuedEvent } from './queued-event';

export interface Bounds {
  maxEvents: number;
  maxBytes: number;
}

export class Backlog {
  private readonly entries = new Map<number, QueuedEvent>();
  /** Entries still counted: not yet evicted by the bounds. */
  count = 0;
  /** Bytes of the counted entries. */
  bytes = 0;

  constructor(private readonly bounds: Bounds) {}

  /** Every entry held, evicted ones awaiting their in-flight attempt included. */
  get size(): number {
    return this.entries.size;
  }

  /** True while the counted entries exceed a bound. */
  get over(): boolean {
    return this.count > this.bounds.maxEvents || this.bytes > this.bounds.maxBytes;
  }

  add(entry: QueuedEvent): void {
    this.entries.set(entry.seq, entry);
    this.count += 1;
    this.bytes += entry.raw.length;
  }

  /** Records one target as done; true when no target is owed the event any more. */
  settle(entry: QueuedEvent, target: string): boolean {
    entry.pending.delete(target);
    if (entry.pending.size > 0 || !this.entries.delete(entry.seq)) return false;
    if (!entry.evicted) this.uncount(entry);
    return true;
  }

  /** The oldest counted entries while the bounds are exceeded; each is uncounted as it is handed out. */
  *overflow(): Generator<QueuedEvent> {
    for (const entry of this.entries.values()) {
      if (!this.over) return;
      if (entry.evicted) continue;
      entry.evicted = true;
      this.uncount(entry);
      yield entry;
    }
  }

  /** Everything still owed to someone, oldest first (what a compacted journal must keep). */
  live(): IterableIterator<QueuedEvent> {
    return this.entries.values();
  }

  private uncount(entry: QueuedEvent): void {
    this.count -= 1;
    this.bytes -= entry.raw.length;
  }
}
