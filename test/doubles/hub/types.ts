/** What the hub stand-in speaks and records: its messages, sessions and options. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export const MessageType = { Invocation: 1, Completion: 3, Ping: 6, Close: 7 } as const;

export interface HubMessage {
  type: number;
  target?: string;
  arguments?: unknown[];
  invocationId?: string;
  result?: unknown;
  error?: string;
  allowReconnect?: boolean;
}

export interface AuthAttempt {
  session: number;
  arguments: unknown[];
  at: number;
  success: boolean;
}

/** What happens when a second session authenticates for a server id that already has one. */
export type TwoSessionsPolicy = 'fan-out' | 'last-wins' | 'first-wins';

export interface HubSession {
  readonly id: number;
  readonly connectionId: string | null;
  /** Headers of the WebSocket upgrade (cookies, user agent). */
  readonly headers: IncomingMessage['headers'];
  /** The server id it authenticated for; null until then. */
  serverId: unknown;
  /** Every message the client sent after the handshake, pings included. */
  readonly received: HubMessage[];
  /** Set when the client sent a Close message. */
  clientClosed: boolean;
  /** Set once the socket is gone, whoever ended it. */
  ended: boolean;
  /** The close code the hub saw (1000 for a clean close, 1006 when the socket just ended). */
  closeCode: number | null;
  /** Date.now() when the hub last sent this session anything (handshake, ping, reply, push). */
  lastSentAt: number | null;
  readonly socket: WebSocket;
  /** The TCP connection under it. */
  readonly tcp: Duplex;
}

export interface HubOptions {
  communityId?: string;
  apiKey?: string;
  /** Server ids configured in the CAD; others are refused. */
  serverIds?: unknown[];
  pingMs?: number;
  policy?: TwoSessionsPolicy;
}

export interface PushOptions {
  /** `string` sends the JSON text as the argument, `object` the value itself. */
  form?: 'object' | 'string';
  /** Asks the client for a Completion. */
  invocationId?: string;
  serverId?: unknown;
  /**
   * `dotnet` (default): the key order ASP.NET Core's JSON protocol writes (type, invocationId, target,
   * arguments), compact. `other`: the same record in another key order with spaces, as any server may
   * write it.
   */
  layout?: 'dotnet' | 'other';
}
