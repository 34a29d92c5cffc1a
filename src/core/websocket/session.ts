/**
 * One authenticated session with Sonoran's hub for a community and server id, kept up for as long as
 * the resource runs: connect, `authenticatev2`, hand each `pushEvent` on, and after any loss try again
 * on the schedule in schedule.ts. Every attempt that does not end in a good session (authenticated and
 * up for a minute) is one more failure on that schedule, whatever went wrong, so no hub behaviour can
 * make it reconnect in a loop. The connection object is kept across reconnects, as the official client
 * does, so invocation ids keep counting.
 */
import type { Logger } from '../log';
import type { Timers } from '../runtime';
import { authenticate, errorText, type HubIdentity } from './authenticate';
import { connectHub } from './hub-client';
import { type HubClientOptions, HubClosedError, type HubConnection } from './hub-connection';
import { createSessionReport } from './report';
import {
  AUTH_RETRY_MS,
  backoffDelay,
  GOOD_SESSION_MS,
  KICK_WINDOW_MS,
  KICKS_BEFORE_BACKOFF,
  reconnectDelay,
} from './schedule';

export interface SessionSettings extends HubIdentity {
  hubUrl: string;
  keepAliveMs: number;
  timeoutMs: number;
  /** The longest frame the hub may send: maxBodyBytes and room for its envelope. */
  maxFrameBytes: number;
}

export type SessionState =
  | 'connecting'
  | 'authenticating'
  | 'authenticated'
  | 'refused'
  | 'waiting'
  | 'stopped';

export interface SessionStatus {
  state: SessionState;
  serverId: number | string;
  hubUrl: string;
  /** When the current session authenticated. */
  since: number | null;
  /** Sessions that ended and were opened again. */
  reconnects: number;
  /** Attempts that failed since the last good session (or since the start). */
  failedAttempts: number;
  lastError: { at: number; message: string } | null;
  nextAttemptAt: number | null;
}

export interface SessionDeps {
  settings: SessionSettings;
  timers: Timers;
  log: Logger;
  /**
   * The `pushEvent` argument as the hub sent it (an object or a JSON string), with its JSON text when the
   * hub client has it. Must not throw.
   */
  onPush(argument: unknown, text: string | undefined): void;
  /** [0, 1) for jitter. */
  random?: () => number;
  connect?: (options: HubClientOptions) => Promise<HubConnection>;
}

export interface Session {
  readonly settings: SessionSettings;
  start(): void;
  /** Sends the hub a Close, then closes the socket. */
  stop(): Promise<void>;
  status(): SessionStatus;
}

/** A Close from the hub (a drop or a timeout is not one): several in a row mean someone else wants the session. */
const closedByHub = (error: Error | undefined) => error instanceof HubClosedError;

export function createSession(deps: SessionDeps): Session {
  const { settings, timers, log } = deps;
  const random = deps.random ?? Math.random;
  const connect = deps.connect ?? connectHub;
  const report = createSessionReport(log, timers.now);
  let connection: HubConnection | null = null;
  let state: SessionState = 'connecting';
  let stopped = true;
  let timer: unknown = null;
  let goodTimer: unknown = null;
  let nextAttemptAt: number | null = null;
  let failures = 0;
  let kicks = 0;
  let reconnects = 0;
  let authenticatedAt: number | null = null;
  let lastAuthAt: number | null = null;
  let refusedKey = false;
  let lastError: SessionStatus['lastError'] = null;

  const later = (ms: number, run: () => void) => {
    if (timer !== null) timers.clearTimeout(timer);
    nextAttemptAt = timers.now() + ms;
    timer = timers.setTimeout(() => {
      timer = null;
      nextAttemptAt = null;
      run();
    }, ms);
  };

  const clearGood = () => {
    if (goodTimer !== null) timers.clearTimeout(goodTimer);
    goodTimer = null;
  };

  /** A refused key keeps its once-a-minute pace even when the hub also drops the socket. */
  const reconnectIn = (ms: number) => {
    const floor = refusedKey && lastAuthAt !== null ? lastAuthAt + AUTH_RETRY_MS - timers.now() : 0;
    const delay = Math.max(ms, floor);
    state = 'waiting';
    later(delay, () => void open());
    return delay;
  };

  /** One more failed attempt; `kicked`: the hub closed it within seconds of authenticating. */
  const failed = (message: string, kicked: boolean) => {
    failures += 1;
    lastError = { at: timers.now(), message };
    kicks = kicked ? kicks + 1 : 0;
    if (kicks >= KICKS_BEFORE_BACKOFF) {
      const delay = reconnectIn(backoffDelay(random));
      report.backoff(settings.serverId, delay, kicks);
      return;
    }
    report.failure(message, failures, reconnectIn(reconnectDelay(failures, random)));
  };

  const authenticated = () => {
    state = 'authenticated';
    authenticatedAt = timers.now();
    refusedKey = false;
    report.authenticated(settings.serverId);
    clearGood();
    goodTimer = timers.setTimeout(() => {
      goodTimer = null;
      report.good(settings.serverId, failures);
      failures = 0;
    }, GOOD_SESSION_MS);
  };

  const askAuthentication = async (hub: HubConnection) => {
    if (stopped || hub.state !== 'Connected') return;
    state = 'authenticating';
    lastAuthAt = timers.now();
    const outcome = await authenticate(hub, settings, timers);
    // Null: the connection closed first, and its close counted the attempt.
    if (stopped || outcome === null) return;
    if (outcome.accepted) {
      authenticated();
      return;
    }
    state = 'refused';
    refusedKey = true;
    lastError = { at: timers.now(), message: `authentication refused: ${outcome.reason}` };
    report.refused(outcome.reason);
    later(AUTH_RETRY_MS, () => void askAuthentication(hub));
  };

  const closed = (error: Error | undefined) => {
    if (stopped) return;
    const since = authenticatedAt;
    authenticatedAt = null;
    clearGood();
    reconnects += 1;
    failed(errorText(error), since !== null && closedByHub(error) && timers.now() - since < KICK_WINDOW_MS);
  };

  const hubConnection = async () => {
    if (connection) return connection;
    const hub = await connect({
      hubUrl: settings.hubUrl,
      keepAliveMs: settings.keepAliveMs,
      timeoutMs: settings.timeoutMs,
      maxFrameBytes: settings.maxFrameBytes,
      log: log.child('hub'),
    });
    hub.on('pushEvent', ([argument], text) => {
      deps.onPush(argument, text);
      // A hub that asked for a Completion gets a result, not "Client didn't provide a result".
      return true;
    });
    hub.onclose(closed);
    connection = hub;
    return hub;
  };

  async function open(): Promise<void> {
    if (stopped) return;
    state = 'connecting';
    let hub: HubConnection;
    try {
      hub = await hubConnection();
      if (stopped) return;
      await hub.start();
    } catch (error) {
      if (!stopped) failed(errorText(error), false);
      return;
    }
    // A connection that closed right after its handshake was counted by its close.
    await askAuthentication(hub);
  }

  return {
    settings,
    start() {
      if (!stopped) return;
      stopped = false;
      void open();
    },
    async stop() {
      stopped = true;
      state = 'stopped';
      if (timer !== null) timers.clearTimeout(timer);
      clearGood();
      timer = null;
      nextAttemptAt = null;
      await connection?.stop().catch(() => {});
    },
    status: () => ({
      state,
      serverId: settings.serverId,
      hubUrl: settings.hubUrl,
      since: state === 'authenticated' ? authenticatedAt : null,
      reconnects,
      failedAttempts: failures,
      lastError,
      nextAttemptAt,
    }),
  };
}
