/** One forward target's state in one line, the same in `status` and `forward status`. */
import type { LaneStatus } from '../forward/queue/lane';
import { maskUrlsIn } from '../mask-url';
import { duration } from './duration';

function health(lane: LaneStatus, now: number): string {
  if (lane.off) return 'OFF (enabled: false)';
  if (lane.disabled !== null) return `DISABLED (${lane.disabled})`;
  if (lane.nextAttemptAt !== null) return `RETRYING in ${duration(lane.nextAttemptAt - now)}`;
  return lane.queued + lane.inFlight > 0 ? 'sending' : 'ok';
}

/** `  hook [raw]: RETRYING in 4 s; queued 1, in flight 0, delivered 0, failed 1, dead-lettered 0; last error …` */
export function laneLine(lane: LaneStatus, now: number): string {
  const line =
    `  ${lane.name} [${lane.format}]: ${health(lane, now)}; queued ${lane.queued}, in flight ${lane.inFlight}, ` +
    `delivered ${lane.delivered}, failed ${lane.failed}, dead-lettered ${lane.deadLettered}`;
  // A receiver's answer, quoted in the error or the reason it was disabled, may echo its own URL.
  return maskUrlsIn(
    lane.lastError
      ? `${line}; last error ${duration(now - lane.lastError.at)} ago: ${lane.lastError.message}`
      : line,
  );
}
