/**
 * Wrong keys over HTTP, made visible without flooding the console: the first from an address is printed
 * at once, the ones after it are counted and printed together a minute later, so each address gets at
 * most one line a minute. Only the address is printed, never the key that was sent.
 */
import type { Logger } from '../log';
import type { Timers } from '../runtime';

export interface WrongKeyReport {
  failed(host: string): void;
  /** Prints what is still counted (the generation is ending). */
  flush(): void;
}

const WINDOW_MS = 60_000;
const SWEEP_MS = 5_000;
// A spray of addresses is counted as one: a line per address would be the flood this avoids.
const MAX_ADDRESSES = 10_000;
const OTHERS = '';

interface Tally {
  /** When this address's last line went out. */
  lineAt: number;
  /** Failures since that line. */
  count: number;
}

export function createWrongKeyReport(log: Logger, timers: Timers): WrongKeyReport {
  const tallies = new Map<string, Tally>();
  let timer: unknown;

  const print = (host: string, count: number) => {
    const from = host === OTHERS ? `${MAX_ADDRESSES}+ further addresses` : host;
    log.warn(`wrong key from ${from}: ${count} in the last minute`);
  };

  const sweep = (all: boolean) => {
    const now = timers.now();
    for (const [host, tally] of tallies) {
      if (!all && now - tally.lineAt < WINDOW_MS) continue;
      if (tally.count === 0) {
        tallies.delete(host);
        continue;
      }
      print(host, tally.count);
      tally.lineAt = now;
      tally.count = 0;
    }
  };

  const arm = () => {
    if (timer !== undefined || tallies.size === 0) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      sweep(false);
      arm();
    }, SWEEP_MS);
  };

  return {
    failed(host) {
      const key = tallies.has(host) || tallies.size < MAX_ADDRESSES ? host : OTHERS;
      const tally = tallies.get(key);
      if (tally) tally.count += 1;
      else if (key === OTHERS) tallies.set(OTHERS, { lineAt: timers.now() - WINDOW_MS, count: 1 });
      else {
        print(host, 1);
        tallies.set(host, { lineAt: timers.now(), count: 0 });
      }
      arm();
    },
    flush() {
      timers.clearTimeout(timer);
      timer = undefined;
      sweep(true);
      tallies.clear();
    },
  };
}
