/**
 * The queue bounds: past them the oldest undelivered events go to the dead letters, and the console
 * hears about it once per burst, with the whole count, at most every REPORT_EVERY_MS.
 */
import type { Logger } from '../../log';
import type { Timers } from '../../runtime';
import type { Backlog, Bounds } from './backlog';
import type { Lane } from './lane';

const REPORT_EVERY_MS = 10_000;

export interface Overflow {
  /** Evicts the oldest events while the backlog is over its bounds. */
  enforce(): void;
  /** Events moved out by the bounds since start. */
  readonly count: number;
  stop(): void;
}

export function createOverflow(
  backlog: Backlog,
  bounds: Bounds,
  lanes: ReadonlyMap<string, Lane>,
  timers: Timers,
  log: Logger,
): Overflow {
  let count = 0;
  let unreported = 0;
  let timer: unknown;

  function report(): void {
    timer = undefined;
    if (unreported === 0) return;
    log.error(
      `FORWARD QUEUE FULL (${bounds.maxEvents} events / ${bounds.maxBytes} bytes): moved the ${unreported} oldest ` +
        `undelivered event(s) to the dead-letter file (${count} since start). Check the targets with ` +
        '"sonorancad forward status", then "sonorancad forward replay <target>".',
    );
    unreported = 0;
    timer = timers.setTimeout(report, REPORT_EVERY_MS);
  }

  return {
    enforce() {
      if (!backlog.over) return;
      const touched = new Set<Lane>();
      for (const event of backlog.overflow()) {
        count += 1;
        unreported += 1;
        for (const name of event.pending) touched.add(lanes.get(name)!);
      }
      for (const lane of touched) lane.evicted();
      // Reported on the next tick, so a burst of pushes makes one line with its whole count.
      if (touched.size > 0 && timer === undefined) timer = timers.setTimeout(report, 0);
    },
    get count() {
      return count;
    },
    stop() {
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
