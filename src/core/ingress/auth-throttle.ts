/**
 * Blocks an address that keeps sending wrong keys. FXServer's own limiter exempts loopback and LAN,
 * and companion mode posts from loopback, so this is the only brake on key guessing there.
 */

export interface AuthThrottleOptions {
  limit: number;
  windowMs: number;
  blockMs: number;
  now: () => number;
}

interface Entry {
  windowStart: number;
  failures: number;
  blockedUntil: number;
}

// Bounds memory under a spray of addresses; an evicted address simply starts counting again.
const MAX_TRACKED = 10_000;

export interface AuthThrottle {
  /** Milliseconds left in the block, or 0 when the address may try. */
  blockedFor(host: string): number;
  /** Counts a failure; true when it starts a block (log it once per window). */
  fail(host: string): boolean;
  readonly blockedCount: number;
  /** Addresses with failures on record; none in the usual case. */
  readonly tracked: number;
}

export function createAuthThrottle(options: AuthThrottleOptions): AuthThrottle {
  const entries = new Map<string, Entry>();

  const prune = (now: number) => {
    for (const [host, entry] of entries) {
      if (now - entry.windowStart > options.windowMs && now >= entry.blockedUntil) entries.delete(host);
    }
    // Still full: drop the oldest (Map keeps insertion order).
    for (const host of entries.keys()) {
      if (entries.size < MAX_TRACKED) break;
      entries.delete(host);
    }
  };

  return {
    blockedFor(host) {
      const entry = entries.get(host);
      if (!entry) return 0;
      return Math.max(0, entry.blockedUntil - options.now());
    },
    fail(host) {
      const now = options.now();
      let entry = entries.get(host);
      if (!entry || now - entry.windowStart > options.windowMs) {
        if (entries.size >= MAX_TRACKED) prune(now);
        entry = { windowStart: now, failures: 0, blockedUntil: entry?.blockedUntil ?? 0 };
        entries.set(host, entry);
      }
      entry.failures += 1;
      if (entry.failures >= options.limit && now >= entry.blockedUntil) {
        entry.blockedUntil = now + options.blockMs;
        entry.failures = 0;
        entry.windowStart = now;
        return true;
      }
      return false;
    },
    get tracked() {
      return entries.size;
    },
    get blockedCount() {
      const now = options.now();
      let count = 0;
      for (const entry of entries.values()) if (entry.blockedUntil > now) count += 1;
      return count;
    },
  };
}

/** `"1.2.3.4:5"` → `1.2.3.4`, `"[::1]:5"` → `::1`, `"[::ffff:1.2.3.4]:5"` → `1.2.3.4`. */
export function hostOf(address: string): string {
  let host = address;
  if (host.startsWith('[')) host = host.slice(1, host.indexOf(']'));
  else if (host.split(':').length === 2) host = host.slice(0, host.lastIndexOf(':'));
  return host.toLowerCase().startsWith('::ffff:') && host.includes('.') ? host.slice(7) : host;
}
