import net from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * FXServer's per-resource HTTP limiter (`http_<resource>`): a token bucket per client host, plus a
 * 1.5x "cooldown" bucket that, once empty, refuses that host for 15 s. The port is not part of the key.
 */
export interface RateLimit {
  rate: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { rate: 10, burst: 25 };
const COOLDOWN_FACTOR = 1.5;
const LOCKOUT_MS = 15_000;

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  consume(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface HostState {
  main: TokenBucket;
  cooldown: TokenBucket;
  lockedUntil: number;
}

export class HostRateLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** False when this request must get a 429. */
  allow(host: string): boolean {
    if (isProxyExempt(host)) return true;
    const now = this.now();
    let state = this.hosts.get(host);
    if (!state) {
      const { rate, burst } = this.limit;
      state = {
        main: new TokenBucket(rate, burst, now),
        cooldown: new TokenBucket(rate * COOLDOWN_FACTOR, burst * COOLDOWN_FACTOR, now),
        lockedUntil: 0,
      };
      this.hosts.set(host, state);
    }
    if (now < state.lockedUntil) return false;
    if (!state.cooldown.consume(now)) {
      state.lockedUntil = now + LOCKOUT_MS;
      return false;
    }
    return state.main.consume(now);
  }
}

// The default `sv_proxyIPRanges`: these skip the limiter entirely.
const PROXY_RANGES: readonly [string, number][] = [
  ['10.0.0.0', 8],
  ['127.0.0.0', 8],
  ['192.168.0.0', 16],
  ['172.16.0.0', 12],
];

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

function isProxyExempt(host: string): boolean {
  const v4 = host.toLowerCase().startsWith('::ffff:') ? host.slice(7) : host;
  if (!net.isIPv4(v4)) return false;
  const value = ipv4ToInt(v4);
  return PROXY_RANGES.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (ipv4ToInt(base) & mask) >>> 0;
  });
}
