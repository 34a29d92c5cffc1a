import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import type { AnyFunction } from '../citizenfx/msgpack-clone';

/** FXServer's main loop runs at 20 Hz; every script timer is quantised to it. */
const TICK_MS = 50;

/** What CitizenFX's timer.js hands back: `clearTimeout` reads `.id`, so a plain number cancels nothing. */
export class CitizenTimer {
  constructor(
    readonly id: number,
    private readonly owner: CfxTimers,
  ) {}

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  hasRef(): boolean {
    return true;
  }

  refresh(): this {
    this.owner.refresh(this.id);
    return this;
  }

  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

interface TimerEntry {
  callback: AnyFunction;
  args: unknown[];
  interval: number;
  lastRun: number;
  repeat: boolean;
}

export interface TimerGlobals {
  setTimeout(cb: AnyFunction, ms?: number, ...args: unknown[]): CitizenTimer;
  setInterval(cb: AnyFunction, ms?: number, ...args: unknown[]): CitizenTimer;
  setImmediate(cb: AnyFunction, ...args: unknown[]): CitizenTimer;
  clearTimeout(timer: unknown): void;
  clearInterval(timer: unknown): void;
  clearImmediate(timer: unknown): void;
  setTick(cb: AnyFunction): number;
  clearTick(id: unknown): void;
}

/**
 * CitizenFX's replacements for the Node timers (timer.js): run from the resource tick, a timer fires on the
 * first tick where `now - lastRun > interval`. `setImmediate` is `setTimeout(cb, 0)`: the next tick.
 */
export class CfxTimers {
  private readonly timers = new Map<number, TimerEntry>();
  private readonly ticks = new Map<number, { callback: AnyFunction; busy: boolean }>();
  private nextId = 0;
  private driver: NodeJS.Timeout | null = null;

  constructor(
    private readonly onError: (where: string, error: unknown) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    this.driver ??= setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.driver) clearInterval(this.driver);
    this.driver = null;
    this.timers.clear();
    this.ticks.clear();
  }

  refresh(id: number): void {
    const timer = this.timers.get(id);
    if (timer) timer.lastRun = this.now();
  }

  readonly globals: TimerGlobals = {
    setTimeout: (cb, ms, ...args) => this.add(cb, ms, args, false),
    setInterval: (cb, ms, ...args) => this.add(cb, ms, args, true),
    setImmediate: (cb, ...args) => this.add(cb, 0, args, false),
    clearTimeout: (timer) => this.clear(timer),
    clearInterval: (timer) => this.clear(timer),
    clearImmediate: (timer) => this.clear(timer),
    setTick: (cb) => {
      const id = ++this.nextId;
      this.ticks.set(id, { callback: cb, busy: false });
      return id;
    },
    clearTick: (id) => {
      if (typeof id === 'number') this.ticks.delete(id);
    },
  };

  private add(callback: AnyFunction, ms: unknown, args: unknown[], repeat: boolean): CitizenTimer {
    if (typeof callback !== 'function')
      throw new TypeError('The "callback" argument must be of type function');
    const id = ++this.nextId;
    const interval = Math.max(Number(ms) || 0, 1);
    this.timers.set(id, { callback, args, interval, lastRun: this.now(), repeat });
    return new CitizenTimer(id, this);
  }

  private clear(timer: unknown): void {
    const id = (timer as { id?: unknown } | null | undefined)?.id;
    if (typeof id === 'number') this.timers.delete(id);
  }

  private tick(): void {
    const now = this.now();
    for (const [id, timer] of [...this.timers]) {
      if (!this.timers.has(id) || now - timer.lastRun <= timer.interval) continue;
      if (timer.repeat) timer.lastRun = now;
      else this.timers.delete(id);
      this.run('timer', () => timer.callback(...timer.args));
    }
    for (const entry of [...this.ticks.values()]) {
      // A tick whose promise is still pending is skipped until it settles.
      if (entry.busy) continue;
      const result = this.run('tick', () => entry.callback());
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
        entry.busy = true;
        (result as PromiseLike<unknown>).then(
          () => {
            entry.busy = false;
          },
          (error: unknown) => {
            entry.busy = false;
            this.onError('tick', error);
          },
        );
      }
    }
  }

  private run(where: string, fn: () => unknown): unknown {
    try {
      return fn();
    } catch (error) {
      this.onError(where, error);
      return undefined;
    }
  }
}
