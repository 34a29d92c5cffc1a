/**
 * One authenticated session with Sonoran's hub for a community and server id, kept up for as long as
 * the resource runs: connect, `authenticatev2`, hand each `pushEvent` on, and after any loss try again
 * on the schedule in schedule.ts. The connection object is kept across reconnects, as the official
 * client does, so invocation ids keep counting.
 */
import type { Logger } from '../log';
import type { Timers } from '../runtime';
import { errorMessage } from '../text';
import { connectHub, type HubClientOptions, HubClosedError, type HubConnection } from './hub-client';
import { createSessionReport } from './report';
import {
  AUTH_RETRY_MS,
  backoffDelay,
  KICK_WINDOW_MS,
  KICKS_BEFORE_BACKOFF,
  reconnectDelay,
} from './schedule';

export interface HubIdentity {
  communityId: string;
  apiKey: string;
  /** A number when configured as digits, as the hub expects; otherwise the trimmed text. */
  serverId: number | string;
}

export interface SessionSettings extends HubIdentity {
  hubUrl: string;
  keepAliveMs: number;
  timeoutMs: number;
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

/** The connection token in `?id=` is a secret of the hub's: errors quote the URL, our lines do not. */
const errorText = (error: unknown) =>
  errorMessage(error)
    .replace(/([?&]id=)[^&\s'"]+/g, '$1…')
    .replace(/\.$/, '');

interface AuthReply {
  success?: unknown;
  error?: unknown;
}

/** A hub that keeps pinging but never answers `authenticatev2` is treated as a refusal. */
const AUTH_ANSWER_MS = 30_000;

export function createSession(deps: SessionDeps): Session {
  const { settings, timers, log } = deps;
  const random = deps.random ?? Math.random;
  const connect = deps.connect ?? connectHub;
  const report = createSessionReport(log, timers.now);
  let connection: HubConnection | null = null;
  let state: SessionState = 'connecting';
  let stopped = true;
  let timer: unknown = null;
  let nextAttemptAt: number | null = null;
  let attempt = 0;
  let kicks = 0;
  let reconnects = 0;
  let authenticatedAt: number | null = null;
  let lastAuthAt: number | null = null;
  let refusedKey = false;
  let lastError: SessionStatus['lastError'] = null;

  const fail = (message: string) => {
    lastError = { at: timers.now(), message };
  };

  const later = (ms: number, run: () => void) => {
    if (timer !== null) timers.clearTimeout(timer);
    nextAttemptAt = timers.now() + ms;
    timer = timers.setTimeout(() => {
      timer = null;
      nextAttemptAt = null;
      run();
    }, ms);
  };

  /** A refused key keeps its once-a-minute pace even when the hub also drops the socket. */
  const reconnectIn = (ms: number) => {
    const floor = refusedKey && lastAuthAt !== null ? lastAuthAt + AUTH_RETRY_MS - timers.now() : 0;
    state = 'waiting';
    later(Math.max(ms, floor), () => void open());
  };

  const authenticate = async (hub: HubConnection) => {
    state = 'authenticating';
    lastAuthAt = timers.now();
    let reply: AuthReply | null;
    let unanswered: unknown = null;
    try {
      reply = await Promise.race([
        hub.invoke<AuthReply | null>(
          'authenticatev2',
          settings.communityId,
          settings.apiKey,
          settings.serverId,
        ),
        new Promise<AuthReply>((resolve) => {
          unanswered = timers.setTimeout(
            () => resolve({ success: false, error: `no answer within ${AUTH_ANSWER_MS / 1000} s` }),
            AUTH_ANSWER_MS,
          );
        }),
      ]);
    } catch (error) {
      // A closed connection is handled by onclose; anything else is the hub's answer.
      if (stopped || hub.state !== 'Connected') return;
      reply = { success: false, error: errorText(error) };
    } finally {
      timers.clearTimeout(unanswered);
    }
    if (stopped || hub.state !== 'Connected') return;
    if (reply?.success === true) {
      state = 'authenticated';
      authenticatedAt = timers.now();
      attempt = 0;
      refusedKey = false;
      report.authenticated(settings.serverId);
      return;
    }
    const message = typeof reply?.error === 'string' && reply.error ? reply.error : 'no reason given';
    state = 'refused';
    refusedKey = true;
    fail(`authentication refused: ${message}`);
    report.refused(message);
    later(AUTH_RETRY_MS, () => void authenticate(hub));
  };

  const closed = (error: Error | undefined) => {
    if (stopped) return;
    const since = authenticatedAt;
    authenticatedAt = null;
    reconnects += 1;
    attempt = 0;
    kicks = since !== null && closedByHub(error) && timers.now() - since < KICK_WINDOW_MS ? kicks + 1 : 0;
    const message = errorText(error);
    fail(message);
    if (kicks >= KICKS_BEFORE_BACKOFF) {
      const delay = backoffDelay(random);
      report.backoff(settings.serverId, delay, kicks);
      reconnectIn(delay);
      return;
    }
    report.failure(message);
    reconnectIn(reconnectDelay(attempt++, random));
  };

  const hubConnection = async () => {
    if (connection) return connection;
    const hub = await connect({
      hubUrl: settings.hubUrl,
      keepAliveMs: settings.keepAliveMs,
      timeoutMs: settings.timeoutMs,
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
      if (stopped) return;
      const message = errorText(error);
      fail(message);
      report.failure(message);
      reconnectIn(reconnectDelay(attempt++, random));
      return;
    }
    if (stopped) return;
    await authenticate(hub);
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
      lastError,
      nextAttemptAt,
    }),
  };
}
