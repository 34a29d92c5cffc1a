/**
 * A stand-in for Sonoran's SignalR hub (`/apiWsHub`) on 127.0.0.1, speaking the JSON hub protocol as the
 * real one does: negotiate (version 1), the WebSocket upgrade with `?id=`, the handshake, 0x1E-terminated
 * records, pings, Completions and Close. Tests steer it (push, drop, Close, silence, refuse keys, a rule
 * for two sessions on one server id) and read what the client did.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { authError } from './auth';
import { afterHandshake, type HubFault } from './faults';
import { Negotiation } from './negotiate';
import { pushText } from './push';
import {
  type AuthAttempt,
  type HubMessage,
  type HubOptions,
  type HubSession,
  MessageType,
  type PushOptions,
  type TwoSessionsPolicy,
} from './types';

const RS = '\x1e';
const HUB_PATH = '/apiWsHub';

export class Hub {
  private readonly negotiation = new Negotiation();
  readonly sessions: HubSession[] = [];
  readonly authAttempts: AuthAttempt[] = [];
  /** What negotiate answers. */
  readonly negotiateRules = this.negotiation.rules;
  /** The headers of each negotiate request. */
  readonly negotiations = this.negotiation.requests;
  readonly refusedUpgrades = this.negotiation.refusedUpgrades;
  policy: TwoSessionsPolicy;
  /** When set, every authentication gets `success: false` with this error. */
  refuseAuth: string | null = null;
  /** When false the hub sends nothing at all: no pings, no replies. */
  talking = true;
  /** When false authenticatev2 is recorded and never answered (pings go on). */
  answeringAuth = true;
  /** How the hub misbehaves on each new connection; null: it does not. */
  fault: HubFault | null = null;
  /** The size of the frame the `oversize` fault sends. */
  oversizeBytes = 1024 * 1024;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly server: Server;
  private nextSession = 1;
  port = 0;

  constructor(private readonly options: HubOptions = {}) {
    this.policy = options.policy ?? 'fan-out';
    this.server = createServer((req, res) => this.http(req, res));
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}${HUB_PATH}`;
  }

  async listen(port = 0): Promise<this> {
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Sessions whose socket is open and authenticated for `serverId` (any when omitted). */
  authenticated(serverId?: unknown): HubSession[] {
    return this.sessions.filter(
      (s) => !s.ended && s.serverId !== null && (serverId === undefined || s.serverId === serverId),
    );
  }

  open(): HubSession[] {
    return this.sessions.filter((s) => !s.ended);
  }

  /** Sends `pushEvent` to every session authenticated for the server id; returns how many got it. */
  push(payload: unknown, options: PushOptions = {}): number {
    const targets = this.authenticated(options.serverId);
    const text = pushText(payload, options);
    for (const session of targets) this.sendRecord(session, text);
    return targets.length;
  }

  /** Sends raw text (records must carry their own 0x1E) to every open session. */
  sendRaw(text: string): void {
    for (const session of this.open()) {
      session.socket.send(text);
      session.lastSentAt = Date.now();
    }
  }

  /** Completions the clients answered to pushes that asked for one. */
  completions(): HubMessage[] {
    return this.sessions.flatMap((s) => s.received.filter((m) => m.type === MessageType.Completion));
  }

  /** Ends every socket abruptly, without a Close message (code 1006 on the client). */
  drop(): void {
    for (const session of this.open()) session.socket.terminate();
  }

  /**
   * A Close message, then the socket, as ASP.NET Core does. `socket`: `close` (default) closes it here;
   * `leave` leaves closing it to the client; `stall` stops reading, so the client's close is never answered.
   */
  close(
    options: { allowReconnect?: boolean; error?: string; socket?: 'close' | 'leave' | 'stall' } = {},
    sessions = this.open(),
  ): void {
    for (const session of sessions) {
      this.send(session, {
        type: MessageType.Close,
        ...(options.error ? { error: options.error } : {}),
        ...(options.allowReconnect ? { allowReconnect: true } : {}),
      });
      if (options.socket === 'stall') session.tcp.pause();
      else if (options.socket !== 'leave') session.socket.close(1000);
    }
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close').catch(() => {});
  }

  private send(session: HubSession, message: HubMessage): void {
    this.sendRecord(session, JSON.stringify(message));
  }

  private sendRecord(session: HubSession, json: string): void {
    if (this.talking && session.socket.readyState === session.socket.OPEN) {
      session.socket.send(json + RS);
      session.lastSentAt = Date.now();
    }
  }

  private http(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (req.method === 'POST' && url.pathname === `${HUB_PATH}/negotiate`) {
      this.negotiation.answer(req, res);
      return;
    }
    res.writeHead(404).end();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://hub');
    const admitted =
      url.pathname === HUB_PATH ? this.negotiation.admit(req, url) : { refused: '404 Not Found' };
    if ('refused' in admitted) {
      socket.end(`HTTP/1.1 ${admitted.refused}\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, socket, admitted.token));
  }

  private accept(socket: WebSocket, req: IncomingMessage, tcp: Duplex, token: string | null): void {
    const session: HubSession = {
      id: this.nextSession++,
      connectionId: token,
      headers: req.headers,
      serverId: null,
      received: [],
      clientClosed: false,
      ended: false,
      closeCode: null,
      lastSentAt: null,
      socket,
      tcp,
    };
    this.sessions.push(session);
    let handshaken = false;
    let buffer = '';
    // Like a real hub, nothing (not even a ping) goes out before the handshake is answered.
    let ping: NodeJS.Timeout | undefined;
    socket.on('close', (code) => {
      session.ended = true;
      session.closeCode = code;
      clearInterval(ping);
    });
    socket.on('message', (data) => {
      buffer += data.toString();
      const records = buffer.split(RS);
      buffer = records.pop() ?? '';
      for (const record of records) {
        const message = JSON.parse(record) as HubMessage & { protocol?: string };
        if (!handshaken) {
          handshaken = true;
          if (message.protocol !== 'json') {
            socket.send(
              `${JSON.stringify({ error: `Requested protocol '${message.protocol}' is not available.` })}${RS}`,
            );
            socket.close();
            return;
          }
          if (afterHandshake(this.fault, socket, this.oversizeBytes)) return;
          if (this.talking) {
            socket.send(`{}${RS}`);
            session.lastSentAt = Date.now();
          }
          ping = setInterval(
            () => this.send(session, { type: MessageType.Ping }),
            this.options.pingMs ?? 15_000,
          );
          continue;
        }
        session.received.push(message);
        this.handle(session, message);
      }
    });
  }

  private handle(session: HubSession, message: HubMessage): void {
    if (message.type === MessageType.Close) {
      session.clientClosed = true;
      return;
    }
    if (message.type !== MessageType.Invocation || message.invocationId === undefined) return;
    if (this.fault === 'close-on-authenticate' && message.target === 'authenticatev2') {
      session.socket.close(1000);
      return;
    }
    const reply = (body: { result?: unknown; error?: string }) =>
      this.send(session, { type: MessageType.Completion, invocationId: message.invocationId, ...body });
    if (message.target !== 'authenticatev2') {
      reply({ error: `Unknown hub method '${message.target}'` });
      return;
    }
    const args = message.arguments ?? [];
    if (!this.answeringAuth) {
      this.authAttempts.push({ session: session.id, arguments: args, at: Date.now(), success: false });
      return;
    }
    const error = this.refuseAuth ?? authError(this.options, args);
    this.authAttempts.push({ session: session.id, arguments: args, at: Date.now(), success: error === null });
    if (error !== null) {
      reply({ result: { success: false, error, count: 0 } });
      return;
    }
    const serverId = args[2];
    const others = this.authenticated(serverId).filter((s) => s !== session);
    session.serverId = serverId;
    reply({ result: { success: true, error: null, count: others.length + 1 } });
    if (others.length === 0 || this.policy === 'fan-out') return;
    const kicked = this.policy === 'last-wins' ? others : [session];
    this.close({ error: 'Another session authenticated for this server.' }, kicked);
  }
}

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  return new Hub(options).listen();
}
