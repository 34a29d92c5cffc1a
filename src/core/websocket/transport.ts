/**
 * The websocket for the life of the process. `sonorancad reload` hands it each new configuration's plan
 * and receiver: the session is kept when what identifies it is unchanged (pushes then reach the new
 * pipeline), and replaced otherwise.
 */
import type { Logger } from '../log';
import type { Timers } from '../runtime';
import { sameSession, type WebsocketPlan } from './config';
import type { HubClientOptions, HubConnection } from './hub-connection';
import type { PushReceiver } from './receive';
import { createSession, type Session, type SessionStatus } from './session';

/** What `sonorancad status` shows: no session and why, or the session's state. */
export type WebsocketView = { open: false; reason: string } | { open: true; session: SessionStatus };

export interface WebsocketTransportDeps {
  timers: Timers;
  log: Logger;
  random?: () => number;
  connect?: (options: HubClientOptions) => Promise<HubConnection>;
}

export interface WebsocketTransport {
  apply(plan: WebsocketPlan, receive: PushReceiver): void;
  view(): WebsocketView;
  /** A session exists (open, opening or reconnecting): pushes may come over the hub. */
  readonly active: boolean;
  /** Closes the session (Close message, then the socket); resolves once it is closed. */
  stop(): Promise<void>;
}

export function createWebsocketTransport(deps: WebsocketTransportDeps): WebsocketTransport {
  const { log } = deps;
  let session: Session | null = null;
  let receive: PushReceiver = () => {};
  let off: string | null = null;

  const close = () => {
    const closing = session?.stop() ?? Promise.resolve();
    session = null;
    return closing;
  };

  return {
    apply(plan, next) {
      receive = next;
      if (!plan.open) {
        void close();
        if (plan.reason !== off) {
          const line = `Websocket: no session, ${plan.reason}. Pushes arrive over HTTP only.`;
          if (plan.problem) log.error(line);
          else log.info(line);
        }
        off = plan.reason;
        return;
      }
      off = null;
      if (session && sameSession(session.settings, plan.settings)) return;
      if (session) log.info('Websocket settings changed: reconnecting.');
      void close();
      const opened = createSession({
        settings: plan.settings,
        timers: deps.timers,
        log,
        ...(deps.random ? { random: deps.random } : {}),
        ...(deps.connect ? { connect: deps.connect } : {}),
        onPush: (argument, text) => receive(argument, text),
      });
      session = opened;
      // Loading the client takes a few tens of ms once: on a later tick, not inside the resource start.
      deps.timers.setTimeout(() => {
        if (session === opened) opened.start();
      }, 0);
    },
    view: () =>
      session ? { open: true, session: session.status() } : { open: false, reason: off ?? 'not started' },
    get active() {
      return session !== null;
    },
    stop: close,
  };
}
