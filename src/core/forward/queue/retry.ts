/**
 * When to try again: exponential backoff with ±20% jitter (as svix does), capped, and never earlier
 * than the receiver's `Retry-After`.
 */

export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
}

const JITTER = 0.2;
/** Past this many doublings every realistic cap has long been reached. */
const MAX_DOUBLINGS = 30;

/** Delay before retry number `retry` (1 = after the first failure). `random` returns [0, 1). */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const base = policy.firstDelayMs * 2 ** Math.min(Math.max(retry - 1, 0), MAX_DOUBLINGS);
  const jittered = Math.min(base, policy.maxDelayMs) * (1 - JITTER + 2 * JITTER * random());
  return Math.round(Math.min(jittered, policy.maxDelayMs));
}

export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const backoff = backoffMs(policy, retry, random);
  return retryAfterMs === undefined ? backoff : Math.max(backoff, retryAfterMs);
}
