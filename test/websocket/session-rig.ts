/**
 * A session against its own hub stand-in, over real sockets, with the reconnect schedule on a manual
 * clock. It records when each connection attempt started (on that clock) and every console line.
 */
import { afterEach } from 'vitest';
import { createLogger } from '../../src/core/log';
import { connectHub } from '../../src/core/websocket/hub-client';
import type { HubConnection } from '../../src/core/websocket/hub-connection';
import { createSession, type Session, type SessionSettings } from '../../src/core/websocket/session';
import { type Hub, startHub } from '../doubles/hub/hub';
import { until } from '../helpers/receiver';
import { ManualTimers } from './manual-timers';

export const KEY = 'ABCDEF0123456789ABCDEF0123456789';

export interface Rig {
  hub: Hub;
  session: Session;
  timers: ManualTimers;
  lines: string[];
  /** Date.now() when each line was printed. */
  printedAt: number[];
  pushes: unknown[];
  /** The manual clock when each connection attempt started. */
  attempts: number[];
  /** `authenticatev2` calls the client made. */
  authSent: number;
}

/** Community c1, server 1, KEY, and the product's timings, against `hubUrl`. */
export const settingsFor = (hubUrl: string): SessionSettings => ({
  hubUrl,
  communityId: 'c1',
  apiKey: KEY,
  serverId: 1,
  keepAliveMs: 15_000,
  timeoutMs: 30_000,
  maxFrameBytes: 64 * 1024,
});

let rigs: Rig[] = [];

export async function rig(
  options: {
    settings?: Partial<SessionSettings>;
    hub?: Parameters<typeof startHub>[0];
    /** The hub client's own lines too. */
    debug?: boolean;
  } = {},
): Promise<Rig> {
  const hub = await startHub({
    communityId: 'c1',
    apiKey: KEY,
    serverIds: [1, 'alpha'],
    pingMs: 100,
    ...options.hub,
  });
  const timers = new ManualTimers();
  const lines: string[] = [];
  const printedAt: number[] = [];
  const print = (line: string) => {
    lines.push(line);
    printedAt.push(Date.now());
  };
  const made: Rig = { hub, timers, lines, printedAt, pushes: [], attempts: [], authSent: 0 } as Omit<
    Rig,
    'session'
  > as Rig;
  const connect = async (...args: Parameters<typeof connectHub>): Promise<HubConnection> => {
    const connection = await connectHub(...args);
    const start = connection.start.bind(connection);
    const invoke = connection.invoke.bind(connection);
    return Object.assign(connection, {
      start: () => {
        made.attempts.push(timers.now());
        return start();
      },
      invoke: <T>(method: string, ...rest: unknown[]) => {
        if (method === 'authenticatev2') made.authSent += 1;
        return invoke<T>(method, ...rest);
      },
    });
  };
  made.session = createSession({
    settings: { ...settingsFor(hub.url), ...options.settings },
    timers,
    log: createLogger({ print, secrets: () => [KEY], debug: () => options.debug ?? false }),
    random: () => 0.5,
    connect,
    onPush: (argument) => made.pushes.push(argument),
  });
  rigs.push(made);
  return made;
}

afterEach(async () => {
  for (const { session, hub } of rigs) {
    await session.stop();
    await hub.stop();
  }
  rigs = [];
});

/** Where the session and the hub stood, for a failure message. */
const where = (r: Rig) => {
  const { state, lastError, nextAttemptAt } = r.session.status();
  const next = nextAttemptAt === null ? 'none' : `in ${nextAttemptAt - r.timers.now()} ms`;
  return (
    `session ${state}, last error ${lastError ? `"${lastError.message}"` : 'none'}, next attempt ${next}; ` +
    `hub: ${r.hub.sessions.length} sockets, ${r.hub.authAttempts.length} authentications`
  );
};

export const waitFor = (r: Rig, predicate: () => boolean, what: string) =>
  until(predicate, () => `${what} (${where(r)})`);

export const authenticated = (r: Rig, count = 1) =>
  waitFor(
    r,
    () =>
      r.session.status().state === 'authenticated' &&
      r.hub.authAttempts.filter((a) => a.success).length >= count,
    `authentication #${count}`,
  );

/**
 * Nothing left to happen but on the manual clock: waiting for the next attempt, refused and waiting to
 * ask again, up, or asking a hub that will not answer once the hub has the question.
 */
const idle = (r: Rig) => {
  const { state } = r.session.status();
  if (state === 'waiting' || state === 'refused' || state === 'authenticated') return true;
  // The unanswered question's own timer is set: its answer is not being worked out in the meantime.
  return (
    state === 'authenticating' &&
    !r.hub.answeringAuth &&
    r.hub.authAttempts.length >= r.authSent &&
    r.timers.nextIn() !== null
  );
};

/**
 * Runs the manual clock for `ms`, letting each step play out on the real sockets before the next timer.
 * `whileUp` is called whenever the session is up, to end it (after moving the clock).
 */
export async function run(r: Rig, ms: number, whileUp?: () => void): Promise<void> {
  const end = r.timers.now() + ms;
  while (r.timers.now() < end) {
    await waitFor(r, () => idle(r), 'the session to wait on the clock');
    if (whileUp && r.session.status().state === 'authenticated') {
      whileUp();
      await waitFor(r, () => r.session.status().state !== 'authenticated', 'the session to end');
      continue;
    }
    const next = r.timers.nextIn() ?? Number.POSITIVE_INFINITY;
    r.timers.advance(Math.min(next, end - r.timers.now()));
  }
}

/** Connection attempts in each minute since `from`. */
export const perMinute = (attempts: number[], from: number, minutes: number) =>
  Array.from(
    { length: minutes },
    (_, minute) => attempts.filter((at) => Math.floor((at - from) / 60_000) === minute).length,
  );
