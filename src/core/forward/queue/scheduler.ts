/**
 * Delivery work in short slices after pending I/O: each lane's next step (settle what was answered,
 * start the next request) waits for the check phase and runs for at most SLICE_MS (a few steps) per turn, so a push
 * arriving while hundreds of deliveries run is read and answered between two slices, not after them all.
 * The relay's: FXServer runs the loop's phases once per server tick, where slices would throttle delivery.
 */
import { setImmediate } from 'node:timers';
import { Fifo } from './fifo';

const SLICE_MS = 0.1;

export type Schedule = (step: () => void) => void;

export function createScheduler(
  defer: (run: () => void) => void = setImmediate,
  now: () => number = () => performance.now(),
): Schedule {
  const steps = new Fifo<() => void>();
  let scheduled = false;
  const drain = () => {
    const until = now() + SLICE_MS;
    try {
      do steps.shift()!();
      while (steps.length > 0 && now() < until);
    } finally {
      scheduled = steps.length > 0;
      if (scheduled) defer(drain);
    }
  };
  return (step) => {
    steps.push(step);
    if (scheduled) return;
    scheduled = true;
    defer(drain);
  };
}
