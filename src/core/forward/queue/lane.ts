/**
 * One target's delivery loop. Strictly in arrival order and one request at a time: the head is retried
 * until it is delivered or given up on, and only then does the next event go. A slow or failing target
 * holds up only its own lane.
 */
import type { Timers } from '../../runtime';
import { errorMessage } from '../../text';
import type { Target } from '../config';
import { Fifo } from './fifo';
import type { QueuedEvent } from './queued-event';
import { type RetryPolicy, retryDelayMs } from './retry';
import type { Schedule } from './scheduler';
import type { Sender, SendOutcome } from './send-outcome';

const OVERFLOW_REASON = 'the forward queue was full (forwarding.queue), so the oldest events were moved out';

export interface LaneDeps {
  timers: Timers;
  /** [0, 1), for jitter. */
  random(): number;
  policy: RetryPolicy;
  /** Runs each lane step after pending I/O, in short slices shared by every lane. */
  schedule: Schedule;
  /**
   * The target is done with the entry: delivered (reason null) or given up on (reason: why). `quiet`
   * when the cause is already reported in aggregate (overflow, a disabled target).
   */
  onSettled(entry: QueuedEvent, target: Target, reason: string | null, quiet?: boolean): void;
  /** The receiver said the endpoint is gone. */
  onDisabled(target: Target, reason: string): void;
}

export interface LaneStatus {
  name: string;
  format: Target['format'];
  queued: number;
  inFlight: number;
  delivered: number;
  /** Failed attempts, each retried or given up on. */
  failed: number;
  deadLettered: number;
  lastError: { message: string; at: number } | null;
  nextAttemptAt: number | null;
  /** Switched off by its owner (`enabled: false`): its backlog waits, unsent. */
  off: boolean;
  /** Stopped by the forwarder (410, a deleted Discord webhook, a missing secret): why. */
  disabled: string | null;
}

export interface Lane {
  readonly target: Target;
  push(entry: QueuedEvent): void;
  /** Some of this lane's entries were evicted by the queue bounds: give them up as soon as none is in flight. */
  evicted(): void;
  /** Lifts a disabled state (after an operator replays the target's dead letters). */
  enable(): void;
  stop(): void;
  status(): LaneStatus;
}

/**
 * `disabledReason`: the lane starts disabled (e.g. its signing secret is missing). A target that is off
 * (`enabled: false`) keeps its entries unsent, giving up only those that pass maxAgeSeconds or the queue
 * bounds; being off outranks being disabled, since nothing would be sent either way.
 */
export function createLane(
  target: Target,
  send: Sender,
  deps: LaneDeps,
  disabledReason: string | null,
): Lane {
  const { timers } = deps;
  const queue = new Fifo<QueuedEvent>();
  const maxAgeMs = target.maxAgeSeconds * 1000;
  let disabled = disabledReason;
  let busy = false;
  let scheduled = false;
  let stopped = false;
  let timer: unknown;
  let nextAttemptAt: number | null = null;
  const off = !target.enabled;
  /** Failed attempts of the head so far; a 429 is throttling, not failure, so it is not counted. */
  let failures = 0;
  const counts = { delivered: 0, failed: 0, deadLettered: 0 };
  let lastError: LaneStatus['lastError'] = null;

  const finish = (reason: string | null, quiet = false) => {
    const entry = queue.shift()!;
    failures = 0;
    if (reason === null) counts.delivered += 1;
    else counts.deadLettered += 1;
    deps.onSettled(entry, target, reason, quiet);
  };

  const cancelSleep = () => {
    if (timer === undefined) return;
    timers.clearTimeout(timer);
    timer = undefined;
    nextAttemptAt = null;
  };

  /** `attempt`: an attempt follows the wait (shown in status); otherwise it only watches the head's age. */
  const sleep = (ms: number, attempt = true) => {
    nextAttemptAt = attempt ? timers.now() + ms : null;
    timer = timers.setTimeout(() => {
      timer = undefined;
      nextAttemptAt = null;
      pump();
    }, ms);
  };

  const expired = (error: string | undefined) =>
    `not delivered within maxAgeSeconds (${target.maxAgeSeconds})${error ? `; last error: ${error}` : ''}`;

  function retry(entry: QueuedEvent, outcome: Extract<SendOutcome, { kind: 'retry' }>): void {
    if (outcome.status !== 429) failures += 1;
    // pump() gives an evicted head up; retrying it would only delay that.
    if (entry.evicted) return;
    if (target.maxAttempts !== undefined && failures >= target.maxAttempts) {
      finish(`gave up after ${failures} attempts; last error: ${outcome.error}`);
      return;
    }
    const delay = retryDelayMs(deps.policy, failures, outcome.retryAfterMs, deps.random);
    if (timers.now() + delay - entry.at >= maxAgeMs) finish(expired(outcome.error));
    else sleep(delay);
  }

  function decide(entry: QueuedEvent, outcome: SendOutcome): void {
    if (outcome.kind === 'delivered') finish(null);
    else if (outcome.kind === 'wait') sleep(outcome.ms);
    else {
      counts.failed += 1;
      lastError = { message: outcome.error, at: timers.now() };
      if (outcome.kind === 'retry') retry(entry, outcome);
      else if (outcome.kind === 'dead') finish(outcome.error);
      else {
        disabled = outcome.error;
        deps.onDisabled(target, outcome.error);
      }
    }
  }

  async function attempt(entry: QueuedEvent): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await send(entry);
    } catch (error) {
      outcome = { kind: 'dead', error: errorMessage(error) };
    }
    deps.schedule(() => {
      busy = false;
      if (stopped) return;
      decide(entry, outcome);
      pump();
    });
  }

  function pump(): void {
    scheduled = false;
    while (!busy && timer === undefined && !stopped) {
      const entry = queue.peek();
      if (!entry) return;
      const age = timers.now() - entry.at;
      if (disabled !== null && !off) finish(`target disabled: ${disabled}`, true);
      else if (entry.evicted) finish(OVERFLOW_REASON, true);
      else if (off && age < maxAgeMs) sleep(maxAgeMs - age, false);
      else if (age >= maxAgeMs) finish(expired(lastError?.message));
      else {
        busy = true;
        void attempt(entry);
      }
    }
  }

  // Runs after the reply and after pending I/O: accept() queues work but never starts a request first.
  const kick = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    deps.schedule(pump);
  };

  return {
    target,
    push(entry) {
      queue.push(entry);
      kick();
    },
    evicted() {
      if (busy) return;
      cancelSleep();
      kick();
    },
    enable() {
      disabled = null;
      kick();
    },
    stop() {
      stopped = true;
      cancelSleep();
    },
    status: () => ({
      name: target.name,
      format: target.format,
      queued: queue.length - (busy ? 1 : 0),
      inFlight: busy ? 1 : 0,
      ...counts,
      lastError,
      nextAttemptAt,
      off,
      disabled,
    }),
  };
}
