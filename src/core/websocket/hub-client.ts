/**
 * One connection to Sonoran's hub: negotiate (version 1) with global fetch, the WebSocket upgrade with
 * `ws` (loaded on first use: a resource that never opens a session never evaluates it), the JSON
 * handshake, then invocations, pushes, pings and Close. The object is reused across reconnects, so
 * invocation ids keep counting as the hub expects.
 *
 * Per message it does only what a push needs: recognise the usual one-argument call by its text and parse
 * only its argument (otherwise split the frame and parse each record), then dispatch synchronously.
 * Silence and idleness are checked by one timer each per connection, re-armed when it fires, not per
 * message.
 */
import type { WebSocket } from 'ws';
import type { Logger } from '../log';
import { errorMessage } from '../text';
import { VERSION } from '../version';
import { HANDSHAKE, type HubMessage, MessageType, oneArgumentCall, parseFrame, record } from './hub-protocol';

export interface HubClientOptions {
  hubUrl: string;
  /** Idle time before the client pings the hub. */
  keepAliveMs: number;
  /** Silence after which the client gives up on the hub. */
  timeoutMs: number;
  log: Logger;
}

export type HubState = 'Disconnected' | 'Connecting' | 'Connected' | 'Disconnecting';

/**
 * A method the hub may call; its return value answers the hub when it asked for an answer. `text` is the
 * JSON text of the only argument as the hub wrote it, when the frame had the usual shape
 * (`oneArgumentCall`), so a receiver that needs those bytes does not write the argument out again.
 */
export type HubMethod = (args: readonly unknown[], text: string | undefined) => unknown;

/** What the session needs of a hub connection. */
export interface HubConnection {
  readonly state: HubState;
  on(method: string, handler: HubMethod): void;
  /** Called once per connection that reached Connected; `undefined` after our own stop(). */
  onclose(callback: (error: Error | undefined) => void): void;
  start(): Promise<void>;
  /** Sends the hub a Close, then closes the socket. */
  stop(): Promise<void>;
  /** Rejects with the hub's error text, or when the connection closes before the answer. */
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
}

/** The hub ended the session with a Close message (with or without an error), unlike a drop or a timeout. */
export class HubClosedError extends Error {}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const NO_RESULT = "Client didn't provide a result.";

/** `name=value` of each Set-Cookie from negotiate (a load balancer's affinity cookie), sent on the upgrade. */
function cookieHeader(setCookies: string[]): string {
  return setCookies
    .map((cookie) => (cookie.split(';', 1)[0] ?? '').trim())
    .filter((pair) => pair.indexOf('=') > 0)
    .join('; ');
}

export class HubClient implements HubConnection {
  state: HubState = 'Disconnected';
  private readonly methods = new Map<string, HubMethod>();
  private readonly pending = new Map<string, Pending>();
  private closeCallbacks: ((error: Error | undefined) => void)[] = [];
  private nextInvocationId = 0;
  private socket: WebSocket | null = null;
  /** Why the current socket is closing; undefined when we stopped it. */
  private closeError: Error | undefined;
  private handshaken = false;
  private lastReceivedAt = 0;
  private lastSentAt = 0;
  private silenceTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private started: { resolve(): void; reject(error: Error): void } | null = null;
  private closing: Promise<void> = Promise.resolve();

  constructor(private readonly options: HubClientOptions) {}

  on(method: string, handler: HubMethod): void {
    // Matched case-insensitively, as SignalR does; the name as given is found without lower-casing.
    this.methods.set(method, handler);
    this.methods.set(method.toLowerCase(), handler);
  }

  onclose(callback: (error: Error | undefined) => void): void {
    this.closeCallbacks.push(callback);
  }

  async start(): Promise<void> {
    if (this.state !== 'Disconnected') throw new Error(`cannot start a connection that is ${this.state}`);
    this.state = 'Connecting';
    this.closeError = undefined;
    this.handshaken = false;
    try {
      const { url, headers } = await this.negotiate();
      const { WebSocket } = await import('ws');
      if (this.state !== 'Connecting') throw this.closeError ?? new Error('stopped while connecting');
      await new Promise<void>((resolve, reject) => {
        this.started = { resolve, reject };
        this.open(new WebSocket(url, { headers }));
      });
    } catch (error) {
      this.state = 'Disconnected';
      throw error;
    }
  }

  stop(): Promise<void> {
    const socket = this.socket;
    if (socket && this.state !== 'Disconnecting') {
      this.closeError = undefined;
      if (this.state === 'Connected') this.send(record({ type: MessageType.Close }));
      this.state = 'Disconnecting';
      socket.close(1000);
    } else if (this.state === 'Connecting') {
      this.closeError = new Error('stopped while connecting');
      this.state = 'Disconnecting';
    }
    return this.closing;
  }

  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    if (this.state !== 'Connected') {
      return Promise.reject(new Error(`cannot invoke '${method}': the connection is ${this.state}`));
    }
    const invocationId = String(this.nextInvocationId++);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(invocationId, { resolve: resolve as (value: unknown) => void, reject });
      this.send(record({ type: MessageType.Invocation, invocationId, target: method, arguments: args }));
    });
  }

  /** One text frame as the socket delivers it. */
  receive(frame: string): void {
    this.lastReceivedAt = Date.now();
    const call = this.handshaken ? oneArgumentCall(frame) : null;
    if (call) {
      this.call(call.target, [call.argument], call.invocationId, call.text);
      return;
    }
    let messages: HubMessage[];
    try {
      messages = parseFrame(frame);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    for (const message of messages) {
      if (!this.handshaken) this.handshake(message);
      else this.handle(message);
      if (this.state !== 'Connected' && this.state !== 'Connecting') return;
    }
  }

  private async negotiate(): Promise<{ url: string; headers: Record<string, string> }> {
    const negotiateUrl = new URL(this.options.hubUrl);
    negotiateUrl.pathname = negotiateUrl.pathname.replace(/\/?$/, '/negotiate');
    negotiateUrl.searchParams.set('negotiateVersion', '1');
    const userAgent = `sonorancad/${VERSION} (Node ${process.versions.node})`;
    const response = await fetch(negotiateUrl, {
      method: 'POST',
      headers: { 'User-Agent': userAgent, 'X-Requested-With': 'XMLHttpRequest' },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `negotiation with the hub failed: HTTP ${response.status} ${text || response.statusText}`,
      );
    }
    const reply = JSON.parse(text) as { error?: unknown; url?: unknown; connectionToken?: unknown };
    if (typeof reply.error === 'string') throw new Error(`the hub refused negotiation: ${reply.error}`);
    if (reply.url !== undefined) throw new Error('the hub redirected negotiation, which is not supported');
    if (typeof reply.connectionToken !== 'string') throw new Error('the hub negotiated no connection token');
    const url = new URL(this.options.hubUrl);
    url.protocol = url.protocol.replace(/^http/, 'ws');
    url.searchParams.set('id', reply.connectionToken);
    const cookie = cookieHeader(response.headers.getSetCookie());
    this.options.log.debug(`negotiated with ${negotiateUrl.origin}${negotiateUrl.pathname}`);
    return { url: url.href, headers: { 'User-Agent': userAgent, ...(cookie ? { Cookie: cookie } : {}) } };
  }

  private open(socket: WebSocket): void {
    this.socket = socket;
    let closed!: () => void;
    this.closing = new Promise((resolve) => (closed = resolve));
    this.lastReceivedAt = Date.now();
    this.armSilence(this.options.timeoutMs);
    socket.on('open', () => this.send(HANDSHAKE));
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.fail(new Error('the hub sent a binary frame'));
      else this.receive(String(data));
    });
    socket.on('error', (error) => {
      this.closeError ??= new Error(`WebSocket error: ${errorMessage(error)}`);
    });
    socket.on('close', (code, reason) => {
      this.closed(code, String(reason));
      closed();
    });
  }

  private handshake(message: HubMessage): void {
    if (typeof message.error === 'string') {
      this.fail(new Error(`the hub refused the handshake: ${message.error}`));
      return;
    }
    this.handshaken = true;
    this.state = 'Connected';
    this.options.log.debug('connected');
    // As SignalR clients do: the first message after the handshake is a Ping.
    this.send(record({ type: MessageType.Ping }));
    this.started?.resolve();
    this.started = null;
  }

  private handle(message: HubMessage): void {
    switch (message.type) {
      case MessageType.Invocation:
        this.call(
          typeof message.target === 'string' ? message.target : '',
          Array.isArray(message.arguments) ? message.arguments : [],
          typeof message.invocationId === 'string' ? message.invocationId : null,
          undefined,
        );
        return;
      case MessageType.Completion:
        this.completed(message);
        return;
      case MessageType.Ping:
        return;
      case MessageType.Close:
        this.fail(
          new HubClosedError(
            typeof message.error === 'string' && message.error
              ? `the hub closed the session: ${message.error}`
              : 'the hub closed the session',
          ),
        );
        return;
      default:
        this.options.log.debug(`ignored a hub message of type ${String(message.type)}`);
    }
  }

  private call(
    target: string,
    args: readonly unknown[],
    invocationId: string | null,
    text: string | undefined,
  ): void {
    const handler = this.methods.get(target) ?? this.methods.get(target.toLowerCase());
    if (!handler) {
      this.options.log.debug(`the hub called '${target}', which this client does not handle`);
      if (invocationId !== null) this.complete(invocationId, { error: NO_RESULT });
      return;
    }
    let result: unknown;
    try {
      result = handler(args, text);
    } catch (error) {
      if (invocationId !== null) this.complete(invocationId, { error: errorMessage(error) });
      return;
    }
    if (invocationId !== null) this.complete(invocationId, { result });
  }

  private complete(invocationId: string, outcome: { result: unknown } | { error: string }): void {
    this.send(record({ type: MessageType.Completion, invocationId, ...outcome }));
  }

  private completed(message: HubMessage): void {
    const invocationId = typeof message.invocationId === 'string' ? message.invocationId : '';
    const pending = this.pending.get(invocationId);
    if (!pending) return;
    this.pending.delete(invocationId);
    if (typeof message.error === 'string') pending.reject(new Error(message.error));
    else pending.resolve(message.result);
  }

  private send(text: string): void {
    this.lastSentAt = Date.now();
    this.socket?.send(text);
    if (this.handshaken && this.pingTimer === null) this.armPing(this.options.keepAliveMs);
  }

  /** Ends the connection for `error`: the socket's close event reports it. */
  private fail(error: Error): void {
    if (this.state === 'Disconnecting' || this.state === 'Disconnected') return;
    this.closeError = error;
    this.state = 'Disconnecting';
    this.socket?.terminate();
  }

  private armSilence(ms: number): void {
    this.silenceTimer = setTimeout(() => {
      const left = this.lastReceivedAt + this.options.timeoutMs - Date.now();
      if (left > 0) this.armSilence(left);
      else
        this.fail(
          new Error(`Server timeout: nothing received from the hub for ${this.options.timeoutMs} ms`),
        );
    }, ms);
  }

  private armPing(ms: number): void {
    this.pingTimer = setTimeout(() => {
      this.pingTimer = null;
      const left = this.lastSentAt + this.options.keepAliveMs - Date.now();
      if (left > 0) this.armPing(left);
      else if (this.state === 'Connected') this.send(record({ type: MessageType.Ping }));
    }, ms);
  }

  private closed(code: number, reason: string): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    if (this.pingTimer) clearTimeout(this.pingTimer);
    this.silenceTimer = this.pingTimer = null;
    const wasConnected = this.handshaken;
    const stoppedByUs = this.state === 'Disconnecting' && this.closeError === undefined;
    const error = stoppedByUs
      ? undefined
      : (this.closeError ??
        new Error(`WebSocket closed with status code: ${code} (${reason || 'no reason given'})`));
    this.state = 'Disconnected';
    this.socket = null;
    this.handshaken = false;
    const cause = error ?? new Error('the connection was stopped');
    for (const pending of this.pending.values()) pending.reject(cause);
    this.pending.clear();
    if (this.started) {
      this.started.reject(cause);
      this.started = null;
      return;
    }
    if (wasConnected) {
      this.options.log.debug(`closed${error ? `: ${error.message}` : ''}`);
      for (const callback of this.closeCallbacks) callback(error);
    }
  }
}

export async function connectHub(options: HubClientOptions): Promise<HubConnection> {
  return new HubClient(options);
}
