/**
 * What the console hears about the session, as it happens but never once per attempt: a line when it
 * first comes up; the first failure of a streak at once with its reason; a line when the reason changes
 * and one every few minutes while it lasts, with the attempts so far and the next try; a line when a
 * session has held again; a refused key once per distinct error text.
 */
import type { Logger } from '../log';

/** While the hub stays away for the same reason, at most one line this often. */
const DOWN_REPORT_EVERY_MS = 5 * 60_000;

/** Console wording for how long: "45 s", "12 min". */
const span = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);
const nextTry = (ms: number) => (ms <= 0 ? 'at once' : `in ${span(ms)}`);
const attempts = (count: number) => `${count} failed attempt${count === 1 ? '' : 's'}`;

export interface SessionReport {
  authenticated(serverId: string | number): void;
  /** The session has stayed up long enough to count as good; `failures` ended with it. */
  good(serverId: string | number, failures: number): void;
  /** A failed attempt, the `failures`-th since the last good session; the next one in `nextMs`. */
  failure(message: string, failures: number, nextMs: number): void;
  refused(message: string): void;
  backoff(serverId: string | number, delayMs: number, kicks: number): void;
}

export function createSessionReport(log: Logger, now: () => number): SessionReport {
  let everUp = false;
  let downSince: number | null = null;
  let lastLineAt = 0;
  let lastReason: string | null = null;
  let lastRefusal: string | null = null;

  const streak = (at: number) => {
    if (downSince !== null) return false;
    downSince = at;
    lastLineAt = at;
    return true;
  };

  return {
    authenticated(serverId) {
      if (!everUp) {
        log.info(`Websocket session open and authenticated as server ${serverId}: pushes arrive over it.`);
      }
      everUp = true;
      lastRefusal = null;
    },
    good(serverId, failures) {
      if (downSince !== null) {
        log.info(
          `Websocket session back and holding, authenticated as server ${serverId}, after ` +
            `${span(now() - downSince)} and ${attempts(failures)}.`,
        );
      }
      downSince = null;
      lastReason = null;
    },
    failure(message, failures, nextMs) {
      const at = now();
      const reasonChanged = message !== lastReason;
      lastReason = message;
      if (streak(at)) {
        log.warn(
          `Websocket to Sonoran's hub ${everUp ? 'lost' : 'not connected'}: ${message}. Retrying ` +
            `${nextTry(nextMs)}; the CAD sends pushes over HTTP meanwhile.`,
        );
        return;
      }
      const since = span(at - (downSince ?? at));
      if (reasonChanged) {
        lastLineAt = at;
        log.warn(
          `Websocket still down after ${since} (${attempts(failures)}), now: ${message}. ` +
            `Retrying ${nextTry(nextMs)}.`,
        );
        return;
      }
      if (at - lastLineAt < DOWN_REPORT_EVERY_MS) return;
      lastLineAt = at;
      log.warn(
        `Websocket still down after ${since} (${attempts(failures)}), retrying ${nextTry(nextMs)}. ` +
          `Last error: ${message}.`,
      );
    },
    refused(message) {
      if (message === lastRefusal) return;
      lastRefusal = message;
      log.error(
        `Sonoran's hub refused the websocket authentication: ${message}. Check the community ID, server ` +
          'id and API key; retrying once a minute.',
      );
    },
    backoff(serverId, delayMs, kicks) {
      streak(now());
      lastReason = null;
      log.warn(
        `The hub closed ${kicks} sessions in a row within seconds of authenticating: another client (such ` +
          `as the official sonorancad resource on another machine) probably uses server id ${serverId}. ` +
          `Trying again in ${span(delayMs)} instead of fighting over it.`,
      );
    },
  };
}
