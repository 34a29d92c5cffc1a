/**
 * Discord's rate limits, learnt from its answers: `X-RateLimit-*` headers per bucket (several webhooks
 * can share one), a 429's `retry_after`, and the global limit. Senders ask before each request and wait
 * instead of collecting 429s, which Discord punishes with temporary bans.
 */

import { isPlainObject } from '../../../json';

/** A response header by lower-case name. */
export type HeaderLookup = (name: string) => string | undefined;

interface Bucket {
  remaining: number;
  resetAt: number;
}

export interface DiscordRateLimits {
  /** Milliseconds to wait before posting to this webhook; 0 means go, and counts the request. */
  reserve(webhook: string, now: number): number;
  /** Reads the bucket state from a response's headers. */
  update(webhook: string, header: HeaderLookup, now: number): void;
  /** After a 429: nothing goes to the bucket (or anywhere, when global) for `ms`. */
  pause(webhook: string, ms: number, global: boolean, now: number): void;
}

export function createDiscordRateLimits(): DiscordRateLimits {
  // One entry per configured Discord target at most, so both maps stay small.
  const bucketOf = new Map<string, string>();
  const buckets = new Map<string, Bucket>();
  let globalUntil = 0;
  const bucketFor = (webhook: string) => buckets.get(bucketOf.get(webhook) ?? webhook);

  return {
    reserve(webhook, now) {
      const bucket = bucketFor(webhook);
      const live = bucket !== undefined && now < bucket.resetAt;
      const wait = Math.max(globalUntil - now, live && bucket.remaining <= 0 ? bucket.resetAt - now : 0);
      if (wait > 0) return wait;
      if (live) bucket.remaining -= 1;
      return 0;
    },
    update(webhook, header, now) {
      const remaining = Number(header('x-ratelimit-remaining') ?? Number.NaN);
      const resetAfter = Number(header('x-ratelimit-reset-after') ?? Number.NaN);
      if (!Number.isFinite(remaining) || !Number.isFinite(resetAfter)) return;
      const id = header('x-ratelimit-bucket') ?? webhook;
      bucketOf.set(webhook, id);
      buckets.set(id, { remaining, resetAt: now + resetAfter * 1000 });
    },
    pause(webhook, ms, global, now) {
      if (global) {
        globalUntil = Math.max(globalUntil, now + ms);
        return;
      }
      const id = bucketOf.get(webhook) ?? webhook;
      buckets.set(id, { remaining: 0, resetAt: now + ms });
    },
  };
}

/** A 429's pause: the JSON body's `retry_after` (float seconds) is more precise than the header. */
export function discordPause(text: string, header: HeaderLookup): { ms: number; global: boolean } | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the headers still tell.
  }
  const details = isPlainObject(body) ? body : {};
  const seconds =
    typeof details.retry_after === 'number' ? details.retry_after : Number(header('retry-after'));
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  const global = details.global === true || header('x-ratelimit-global') === 'true';
  return { ms: Math.ceil(seconds * 1000), global };
}
