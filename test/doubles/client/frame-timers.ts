/**
 * The client's CitizenFX timers, driven by the test instead of by frames: `advance(ms)` runs everything
 * due, in order. Handles are objects, as timer.js returns, so `clearTimeout(number)` cancels nothing.
 */
export class TimerHandle {
  constructor(readonly id: number) {}

  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

interface Entry {
  callback: (...args: unknown[]) => unknown;
  args: unknown[];
  due: number;
  interval: number | null;
}

export class FrameTimers {
  now = 0;
  private readonly entries = new Map<number, Entry>();
  private nextId = 0;

  constructor(private readonly onError: (error: unknown) => void) {}

  get pending(): number {
    return this.entries.size;
  }

  readonly globals = {
    setTimeout: (callback: Entry['callback'], ms?: number, ...args: unknown[]) =>
      this.add(callback, ms, args, false),
    setInterval: (callback: Entry['callback'], ms?: number, ...args: unknown[]) =>
      this.add(callback, ms, args, true),
    clearTimeout: (handle: unknown) => this.clear(handle),
    clearInterval: (handle: unknown) => this.clear(handle),
  };

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.entries]
        .filter(([, entry]) => entry.due <= end)
        .sort((a, b) => a[1].due - b[1].due)[0];
      if (!next) break;
      const [id, entry] = next;
      this.now = entry.due;
      if (entry.interval === null) this.entries.delete(id);
      else entry.due += entry.interval;
      try {
        entry.callback(...entry.args);
      } catch (error) {
        this.onError(error);
      }
    }
    this.now = end;
  }

  private add(
    callback: Entry['callback'],
    ms: number | undefined,
    args: unknown[],
    repeat: boolean,
  ): TimerHandle {
    if (typeof callback !== 'function')
      throw new TypeError('The "callback" argument must be of type function');
    const delay = Math.max(Number(ms) || 0, 1);
    const id = ++this.nextId;
    this.entries.set(id, { callback, args, due: this.now + delay, interval: repeat ? delay : null });
    return new TimerHandle(id);
  }

  private clear(handle: unknown): void {
    if (handle instanceof TimerHandle) this.entries.delete(handle.id);
  }
}
