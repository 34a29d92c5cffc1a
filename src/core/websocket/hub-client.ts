/**
 * One connection to Sonoran's hub: negotiation (negotiate.ts), the WebSocket upgrade with `ws` (loaded on
 * first use: a resource that never opens a session never evaluates it), the JSON handshake, then
 * invocations, pushes, pings and Close. The object is reused across reconnects, so invocation ids keep
 * counting as the hub expects. Frames are bounded (`ws` refuses a longer one unread), and the socket is
 * closed properly (code 1000) unless the peer does not finish the close within a few seconds.
 *
 * Per message it does only what a push needs: recognise the usual one-argument call by its text and parse
 * only its argument (otherwise split the frame and parse each record), then dispatch synchronously.
 */
import type { WebSocket } from 'ws';
import { errorMessage } from '../text';
import { HubCalls } from './hub-calls';
import {
  type HubClientOptions,
  HubClosedError,
  type HubConnection,
  type HubMethod,
  type HubState,
} from './hub-connection';
import { HANDSHAKE, type HubMessage, MessageType, oneArgumentCall, parseFrame, record } from './hub-protocol';
import { Keepalive } from './keepalive';
import { negotiate } from './negotiate';

const CLOSE_GRACE_MS = 3_000;

export class HubClient implements HubConnection {
  state: HubState = 'Disconnected';
  private readonly calls = new HubCalls();
  private closeCallbacks: ((error: Error | undefined) => void)[] = [];
  private socket: WebSocket | null = null;
  /** Why the current socket is closing; undefined when we stopped it. */
  private closeError: Error | undefined;
  private handshaken = false;
  private keepalive: Keepalive | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  private started: { resolve(): void; reject(error: Error): void } | null = null;
  private closing: Promise<void> = Promise.resolve();

  constructor(private readonly options: HubClientOptions) {}

  on(method: string, handler: HubMethod): void {
    this.calls.on(method, handler);
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
      const { url, headers } = await negotiate(this.options.hubUrl, this.options.timeoutMs, this.options.log);
      const { WebSocket } = await import('ws');
      if (this.state !== 'Connecting') throw this.closeError ?? new Error('stopped while connecting');
      await new Promise<void>((resolve, reject) => {
        this.started = { resolve, reject };
        this.open(new WebSocket(url, { headers, maxPayload: this.options.maxFrameBytes }));
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
      this.closeSocket(socket);
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
    const { text, answer } = this.calls.invoke<T>(method, args);
    this.send(text);
    return answer;
  }

  /** One text frame as the socket delivers it. */
  receive(frame: string): void {
    this.keepalive?.received();
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

  private open(socket: WebSocket): void {
    this.socket = socket;
    let closed!: () => void;
    this.closing = new Promise((resolve) => (closed = resolve));
    this.keepalive = new Keepalive(
      this.options.keepAliveMs,
      this.options.timeoutMs,
      () => {
        if (this.state === 'Connected') this.send(record({ type: MessageType.Ping }));
      },
      () =>
        this.fail(
          new Error(`Server timeout: nothing received from the hub for ${this.options.timeoutMs} ms`),
          true,
        ),
    );
    socket.on('open', () => this.send(HANDSHAKE));
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.fail(new Error('the hub sent a binary frame'));
      else this.receive(String(data));
    });
    socket.on('error', (error) => {
      // `ws` closes the socket itself after a frame it refuses (too long, not UTF-8); the grace applies.
      const tooLong = (error as { code?: unknown }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      const why = tooLong
        ? `the hub sent a frame over ${this.options.maxFrameBytes} bytes (maxBodyBytes and its envelope), refused unread`
        : `WebSocket error: ${errorMessage(error)}`;
      this.fail(new Error(why));
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
        this.calls.completed(message);
        return;
      case MessageType.Ping:
        return;
      case MessageType.Close: {
        const why = typeof message.error === 'string' && message.error ? `: ${message.error}` : '';
        this.fail(new HubClosedError(`the hub closed the session${why}`));
        return;
      }
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
    const completion = this.calls.call(target, args, invocationId, text, this.options.log.debug);
    if (completion !== null) this.send(completion);
  }

  private send(text: string): void {
    this.socket?.send(text);
    this.keepalive?.sent(this.handshaken);
  }

  /**
   * Ends the connection for `error`, with a proper close unless the peer has gone silent: the socket's
   * close event reports it.
   */
  private fail(error: Error, silent = false): void {
    if (this.state === 'Disconnecting' || this.state === 'Disconnected') return;
    this.closeError = error;
    this.state = 'Disconnecting';
    if (silent) this.socket?.terminate();
    else if (this.socket) this.closeSocket(this.socket);
  }

  /** Code 1000; a peer that does not finish the close soon is cut off. */
  private closeSocket(socket: WebSocket): void {
    socket.close(1000);
    this.graceTimer ??= setTimeout(() => socket.terminate(), this.options.closeGraceMs ?? CLOSE_GRACE_MS);
  }

  private closed(code: number, reason: string): void {
    this.keepalive?.stop();
    this.keepalive = null;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
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
    this.calls.rejectAll(cause);
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
