/** What the session needs of a connection to the hub, and how the hub client is set up. */
import type { Logger } from '../log';

export interface HubClientOptions {
  hubUrl: string;
  /** Idle time before the client pings the hub. */
  keepAliveMs: number;
  /** Silence after which the client gives up on the hub. */
  timeoutMs: number;
  /** The longest frame accepted; a longer one ends the connection unread. */
  maxFrameBytes: number;
  /** How long a closing peer has to answer our close before the socket is cut; 3 s by default. */
  closeGraceMs?: number;
  log: Logger;
}

export type HubState = 'Disconnected' | 'Connecting' | 'Connected' | 'Disconnecting';

/**
 * A method the hub may call; its return value answers the hub when it asked for an answer. `text` is the
 * JSON text of the only argument as the hub wrote it, when the frame had the usual shape
 * (`oneArgumentCall`), so a receiver that needs those bytes does not write the argument out again.
 */
export type HubMethod = (args: readonly unknown[], text: string | undefined) => unknown;

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
