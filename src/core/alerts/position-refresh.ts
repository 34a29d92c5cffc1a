/** One interval for every panic, not one per panic: runs while `tick` reports something left to follow. */
import type { Timers } from '../runtime';

export class PositionRefresh {
  private handle: unknown = null;

  constructor(
    private readonly timers: Timers,
    private readonly intervalMs: number,
    private readonly tick: () => boolean,
  ) {}

  start(): void {
    if (this.handle !== null) return;
    this.handle = this.timers.setInterval(() => {
      if (!this.tick()) this.stop();
    }, this.intervalMs);
  }

  stop(): void {
    if (this.handle === null) return;
    this.timers.clearInterval(this.handle);
    this.handle = null;
  }
}
