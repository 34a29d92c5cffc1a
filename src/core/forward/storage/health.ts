/**
 * Whether the journal and dead-letter file can be written, and what the console hears about it: a
 * failure at once, with its reason, then once a minute while it lasts, and one line when it heals.
 * While storage fails it is retried every few seconds.
 */
import type { Logger } from '../../log';
import type { Timers } from '../../runtime';
import { errorMessage } from '../../text';

export const RETRY_EVERY_MS = 5_000;
export const REPORT_EVERY_MS = 60_000;

export interface StorageFailure {
  since: number;
  /** What failed and why: "writing the journal: ENOSPC: no space left on device, write". */
  reason: string;
}

export interface HealthDeps {
  timers: Timers;
  log: Logger;
  /** Tries the storage again; reports through failed() or recovered(). */
  retry(): void;
  /** Owed events not in the journal. */
  onlyInMemory(): number;
}

export interface Health {
  readonly failure: StorageFailure | null;
  failed(what: string, error: unknown): void;
  /** Storage works again; `line` says what was written to catch up. Nothing is said if it never failed. */
  recovered(line: string): void;
  stop(): void;
}

const moment = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function createHealth(deps: HealthDeps): Health {
  const { timers, log } = deps;
  let failure: StorageFailure | null = null;
  let retryTimer: unknown;
  let reportTimer: unknown;

  const clear = () => {
    if (retryTimer !== undefined) timers.clearInterval(retryTimer);
    if (reportTimer !== undefined) timers.clearInterval(reportTimer);
    retryTimer = undefined;
    reportTimer = undefined;
  };

  return {
    get failure() {
      return failure;
    },
    failed(what, error) {
      const reason = `${what}: ${errorMessage(error)}`;
      if (failure) {
        failure.reason = reason;
        return;
      }
      failure = { since: timers.now(), reason };
      log.error(
        `FORWARDING STORAGE FAILING (${reason}): undelivered events are kept in memory only; they survive ` +
          `"sonorancad reload" but not a crash or restart. Retrying every ${RETRY_EVERY_MS / 1000} s.`,
      );
      retryTimer = timers.setInterval(deps.retry, RETRY_EVERY_MS);
      reportTimer = timers.setInterval(() => {
        if (!failure) return;
        log.error(
          `Forwarding storage failing since ${moment(failure.since)} (${failure.reason}); ` +
            `${deps.onlyInMemory()} event(s) only in memory.`,
        );
      }, REPORT_EVERY_MS);
    },
    recovered(line) {
      if (!failure) return;
      failure = null;
      clear();
      log.info(line);
    },
    stop: clear,
  };
}
