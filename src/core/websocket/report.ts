/**
 * What the console hears about the session: a line when it comes up, the first failure at once, then
 * one line every few minutes while the hub stays away; a refused key once per distinct error text.
 */
import type { Logger } from '../log';

/** While the hub is unreachable, at most one line this often. */
export const DOWN_REPORT_EVERY_MS = 5 * 60_000;

/** Console wording for how long: "45 s", "12 min". */
const span = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

export interface SessionReport {
  authenticated(serverId: string | number): void;
  /** A failed connect or a lost session. */
  failure(message: string): void;
  refused(message: string): void;
  backoff(serverId: string | number, delayMs: number, kicks: number): void;
}

export function createSessionReport(log: Logger, now: () => number): SessionReport {
  let everUp = false;
  let downSince: number | null = null;
  let failures = 0;
  let lastLineAt = 0;
  let lastRefusal: string | null = null;

  return {
    authenticated(serverId) {
      if (!everUp) {
        log.info(`Websocket session open and authenticated as server ${serverId}: pushes arrive over it.`);
      } else if (downSince !== null) {
        log.info(
          `Websocket session back after ${span(now() - downSince)} (${failures} failed attempts); ` +
            `authenticated as server ${serverId}.`,
        );
      }
      everUp = true;
      downSince = null;
      failures = 0;
      lastRefusal = null;
    },
    failure(message) {
      failures += 1;
      const at = now();
      if (downSince === null) {
        downSince = at;
        lastLineAt = at;
        log.warn(
          `Websocket to Sonoran's hub ${everUp ? 'lost' : 'not connected'}: ${message}. Retrying; the CAD ` +
            'sends pushes over HTTP meanwhile.',
        );
        return;
      }
      if (at - lastLineAt < DOWN_REPORT_EVERY_MS) return;
      lastLineAt = at;
      log.warn(
        `Websocket still down after ${span(at - downSince)} (${failures} attempts), still retrying. ` +
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
      log.warn(
        `The hub closed ${kicks} sessions in a row within seconds of authenticating: another client (such ` +
          `as the official sonorancad resource on another machine) probably uses server id ${serverId}. ` +
          `Trying again in ${span(delayMs)} instead of fighting over it.`,
      );
    },
  };
}
