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

interface ThrottleRecord {
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
  /** Addresses with failures on record; none in the usual case. */
  readonly tracked: number;
}

export function createAuthThrottle(options: AuthThrottleOptions): AuthThrottle {
  const records = new Map<string, ThrottleRecord>();

  const prune = (now: number) => {
    for (const [host, record] of records) {
      if (now - record.windowStart > options.windowMs && now >= record.blockedUntil) records.delete(host);
    }
    // Still full: drop the oldest (Map keeps insertion order).
    for (const host of records.keys()) {
      if (records.size < MAX_TRACKED) break;
      records.delete(host);
    }
  };

  return {
    blockedFor(host) {
      const record = records.get(host);
      if (!record) return 0;
      return Math.max(0, record.blockedUntil - options.now());
    },
    fail(host) {
      const now = options.now();
      let record = records.get(host);
      if (!record || now - record.windowStart > options.windowMs) {
        if (records.size >= MAX_TRACKED) prune(now);
        record = { windowStart: now, failures: 0, blockedUntil: record?.blockedUntil ?? 0 };
        records.set(host, record);
      }
      record.failures += 1;
      if (record.failures >= options.limit && now >= record.blockedUntil) {
        record.blockedUntil = now + options.blockMs;
        record.failures = 0;
        record.windowStart = now;
        return true;
      }
      return false;
    },
    get tracked() {
      return records.size;
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
