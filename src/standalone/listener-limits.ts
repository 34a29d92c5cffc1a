/**
 * What keeps a stranger without the key from holding the relay's memory or sockets: time limits for
 * headers and bodies, a cap on open connections, and a budget for body bytes held before the key is
 * checked. FXServer's listener has its own; these are the relay's.
 */
import type { Server } from 'node:http';
import type { Logger } from '../core/log';

/** The headers must be in within this of the connection (or of the previous request on it). */
export const HEADERS_WAIT_MS = 10_000;
/** The body must be in within this of the headers: then 408, as FXServer's adapter answers. */
export const BODY_WAIT_MS = 4_000;
/** How often unfinished bodies are looked at: a late one is answered within BODY_WAIT_MS plus this. */
const SWEEP_MS = 250;
const REPORT_EVERY_MS = 60_000;

export interface ListenerLimits {
  maxConnections: number;
  maxBufferedBytes: number;
}

/** One warning at once, then at most one a minute with the count since, so a flood cannot flood the console. */
export function rateLimitedWarning(log: Logger, now: () => number = Date.now) {
  let lastAt = Number.NEGATIVE_INFINITY;
  let since = 0;
  return (what: string) => {
    since += 1;
    if (now() - lastAt < REPORT_EVERY_MS) return;
    log.warn(`${what}${since > 1 ? ` (${since} times since the last line)` : ''}.`);
    lastAt = now();
    since = 0;
  };
}

/**
 * Node's own header and request timeouts, checked every second rather than every 30 s, and its own
 * connection cap, read from the settings at each new connection so a reload applies at once.
 */
export function limitConnections(server: Server, limits: () => ListenerLimits, log: Logger): void {
  server.headersTimeout = HEADERS_WAIT_MS;
  // A backstop: BODY_WAIT_MS answers an unfinished body long before this.
  server.requestTimeout = HEADERS_WAIT_MS + BODY_WAIT_MS + 2_000;
  Object.defineProperty(server, 'maxConnections', { get: () => limits().maxConnections });
  const warn = rateLimitedWarning(log);
  server.on('drop', () =>
    warn(`Refused a connection: ${limits().maxConnections} are open (http.maxConnections)`),
  );
}

/** Body bytes held across all connections before their key is checked. */
export interface BodyBudget {
  /** False when `bytes` more would pass http.maxBufferedBytes (nothing is taken then). */
  take(bytes: number): boolean;
  /** Whether `bytes` more would fit now (nothing is taken). */
  fits(bytes: number): boolean;
  give(bytes: number): void;
  readonly used: number;
}

export function createBodyBudget(max: () => number): BodyBudget {
  let used = 0;
  return {
    fits: (bytes) => used + bytes <= max(),
    take(bytes) {
      if (used + bytes > max()) return false;
      used += bytes;
      return true;
    },
    give(bytes) {
      used -= bytes;
    },
    get used() {
      return used;
    },
  };
}

export interface BodyDeadlines {
  /** `late` runs once if `done(key)` has not come within BODY_WAIT_MS. */
  watch(key: object, late: () => void): void;
  done(key: object): void;
}

/** Bodies watched for BODY_WAIT_MS; one sweep timer for them all rather than a timer per request. */
export function createBodyDeadlines(now: () => number = performance.now.bind(performance)): BodyDeadlines {
  const watched = new Map<object, { since: number; late: () => void }>();
  let timer: NodeJS.Timeout | undefined;
  const sweep = () => {
    const due = now() - BODY_WAIT_MS;
    for (const [key, entry] of watched) {
      // Map order is insertion order, so the rest came later.
      if (entry.since > due) break;
      watched.delete(key);
      entry.late();
    }
    if (watched.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  return {
    watch(key: object, late: () => void) {
      watched.set(key, { since: now(), late });
      // Unref'd: a pending body never keeps the process alive.
      timer ??= setInterval(sweep, SWEEP_MS).unref();
    },
    done(key: object) {
      watched.delete(key);
    },
  };
}
