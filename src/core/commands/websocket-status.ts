/** The websocket's lines in `sonorancad status`: off and why, or the session's state, and what came which way. */
import { maskUrl } from '../mask-url';
import type { SessionStatus } from '../websocket/session';
import type { WebsocketView } from '../websocket/transport';
import { clock, duration } from './duration';

export interface TransportCounts {
  http: number;
  websocket: number;
  duplicatesDropped: number;
}

function sessionLine(session: SessionStatus, now: number): string {
  const next =
    session.nextAttemptAt === null ? '' : `, next attempt in ${duration(session.nextAttemptAt - now)}`;
  switch (session.state) {
    case 'authenticated':
      return (
        `Websocket: connected and authenticated as server ${session.serverId} since ` +
        `${clock(session.since ?? now)} (${duration(now - (session.since ?? now))})`
      );
    case 'refused':
      return `Websocket: connected, but the hub REFUSED the authentication${next}`;
    case 'connecting':
    case 'authenticating':
      return `Websocket: connecting to ${maskUrl(session.hubUrl)}`;
    case 'waiting':
      return `Websocket: DOWN${next}`;
    case 'stopped':
      return 'Websocket: stopped';
  }
}

export function websocketLines(view: WebsocketView, counts: TransportCounts, now: number): string[] {
  const traffic =
    `Pushes by transport: websocket ${counts.websocket}, HTTP ${counts.http}; ` +
    `duplicates dropped ${counts.duplicatesDropped}.`;
  if (!view.open) return [`Websocket: off, ${view.reason}. Pushes arrive over HTTP only.`, traffic];
  const { session } = view;
  const failed = session.failedAttempts
    ? `; ${session.failedAttempts} failed attempt${session.failedAttempts === 1 ? '' : 's'} since the last good session`
    : '';
  const lines = [`${sessionLine(session, now)}${failed}; ${session.reconnects} reconnects.`, traffic];
  if (session.lastError) {
    lines.push(
      `  Last websocket error ${duration(now - session.lastError.at)} ago: ${session.lastError.message}.`,
    );
  }
  return lines;
}
