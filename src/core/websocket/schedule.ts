/**
 * When to try the hub again. Never gives up, never hammers: at once, after 2, 10 and 30 s, then about
 * every minute with jitter so many servers that lost the hub together do not return together. Every
 * attempt that does not become a good session moves one step along; only a good session starts over.
 */

const FIRST_DELAYS_MS = [0, 2_000, 10_000, 30_000];
const STEADY_MS = [30_000, 60_000];
const JITTER = 0.2;
/** A session is good once it has stayed authenticated this long; anything shorter is a failed attempt. */
export const GOOD_SESSION_MS = 60_000;
/** A refused key is retried no faster than this, on the open socket or a new one. */
export const AUTH_RETRY_MS = 60_000;
/** Sessions the hub closed this soon after authenticating count as pushed out by another client. */
export const KICK_WINDOW_MS = 10_000;
export const KICKS_BEFORE_BACKOFF = 3;
/** How long to stand back when another client keeps taking the server id: a few minutes. */
const BACKOFF_MS = [3 * 60_000, 5 * 60_000];

const jittered = (ms: number, random: () => number) => Math.round(ms * (1 - JITTER + 2 * JITTER * random()));

/**
 * Delay after the `failures`-th failed attempt since the last good session (1 for the first, which is
 * retried at once). `random` gives [0, 1).
 */
export function reconnectDelay(failures: number, random: () => number): number {
  const step = Math.max(0, failures - 1);
  const first = FIRST_DELAYS_MS[step];
  if (first !== undefined) return first;
  const steady = step === FIRST_DELAYS_MS.length ? STEADY_MS[0]! : STEADY_MS[1]!;
  return jittered(steady, random);
}

export function backoffDelay(random: () => number): number {
  const [low, high] = BACKOFF_MS as [number, number];
  return Math.round(low + (high - low) * random());
}
