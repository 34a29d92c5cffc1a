/**
 * What a lane needs from whatever sends its events: one attempt, and what became of it. The send/
 * folder implements it; the lane only decides what to do next.
 */
import type { QueuedEvent } from './queued-event';

export type Verdict =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; error: string; status?: number; retryAfterMs?: number }
  | { kind: 'dead'; error: string; status?: number }
  /** The receiver says the endpoint is gone: stop sending to it until an operator steps in. */
  | { kind: 'disable'; error: string; status: number };

/** `wait`: nothing was sent (a Discord bucket is empty); try again after `ms`, without counting an attempt. */
export type SendOutcome = Verdict | { kind: 'wait'; ms: number };

export type Sender = (event: QueuedEvent) => Promise<SendOutcome>;
