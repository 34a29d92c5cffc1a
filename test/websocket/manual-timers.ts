/** Timers whose clock moves only when a test says so: reconnect schedules of minutes run in microseconds. */
import type { Timers } from '../../src/core/runtime';

interface Pending {
  at: number;
  fn: () => void;
  every: number | null;
}

export class ManualTimers implements Timers {
  private clock = 1_700_000_000_000;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  now = (): number => this.clock;

  setTimeout = (fn: () => void, ms: number): unknown => this.add(fn, ms, null);
  setInterval = (fn: () => void, ms: number): unknown => this.add(fn, ms, ms);
  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  clearInterval = this.clearTimeout;

  /** Milliseconds until the next timer is due, or null when none is set. */
  nextIn(): number | null {
    let soonest: number | null = null;
    for (const timer of this.pending.values()) if (soonest === null || timer.at < soonest) soonest = timer.at;
    return soonest === null ? null : soonest - this.clock;
  }

  /** Moves the clock forward, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.clock + ms;
    for (;;) {
      let due: [number, Pending] | null = null;
      for (const entry of this.pending)
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      const [id, timer] = due;
      this.clock = Math.max(this.clock, timer.at);
      if (timer.every === null) this.pending.delete(id);
      else timer.at += Math.max(1, timer.every);
      timer.fn();
    }
    this.clock = end;
  }

  private add(fn: () => void, ms: number, every: number | null): number {
    const id = this.nextId++;
    this.pending.set(id, { at: this.clock + Math.max(0, ms), fn, every });
    return id;
  }
}
