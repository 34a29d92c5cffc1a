/**
 * What the pipeline needs from its host. The FiveM adapter (src/server/fx) implements it with natives,
 * the standalone relay with plain Node, the tests with an FXServer double. Nothing in src/core touches
 * a FiveM global: everything host-specific comes through here.
 */
import type { Position } from '../shared/alert-payloads';

/** Connected players. The standalone relay has none. */
export interface Players {
  /** Server ids of fully connected players. */
  list(): number[];
  /** Raw identifiers as FXServer reports them (`license:…`, `steam:…`, `discord:…`). */
  identifiers(player: number): string[];
  name(player: number): string;
  isAceAllowed(player: number, ace: string): boolean;
  position(player: number): Position | null;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** `source` is 0 for the server console, else the player's server id. */
export type CommandHandler = (source: number, args: string[]) => void;

export interface Runtime {
  /** `standalone` has no players and no clients; `fivem` has both. */
  readonly kind: 'fivem' | 'standalone';
  /** The resource's name: the HTTP route is `/<resourceName>/event`. */
  readonly resourceName: string;
  /** Our folder for files that must survive a restart (FXServer: `<resource>/data`; relay: DATA_DIR). */
  readonly dataDir: string;
  /** Reads a convar (FiveM) or environment variable (standalone); undefined when unset. */
  setting(name: string): string | undefined;
  /**
   * FiveM's state of another resource by name (`started`, `stopped`, `missing`, …); the relay has no
   * other resources and answers `missing`.
   */
  resourceState(name: string): string;
  /** Reads a file relative to the resource root; null when missing. */
  readFile(path: string): string | null;
  /** Replaces a file relative to the resource root in one step (a crash leaves the old or the new text). */
  writeFile(path: string, text: string): void;
  /**
   * One line to the server console. `urgent` marks a warning or an error: a host that batches its
   * console output writes it at once.
   */
  print(line: string, urgent?: boolean): void;
  /** Triggers a local server event, synchronously. */
  emit(name: string, ...args: unknown[]): void;
  /** Listens to a local server event (e.g. `playerDropped`, `SonoranCAD::RegisterPushEvent`). */
  on(name: string, handler: (...args: unknown[]) => void): void;
  /**
   * Like `on`, for events FXServer raises about one player (`playerJoining`, `playerDropped`): the handler
   * gets that player's server id.
   */
  onPlayer(name: string, handler: (player: number) => void): void;
  /** Sends a net event to one client. */
  emitNet(name: string, player: number, payload: unknown): void;
  registerExport(name: string, fn: (...args: never[]) => unknown): void;
  /**
   * Calls another resource's server export, `exports[resource][name](...args)`, and returns its result;
   * throws as the export does, or when it has none. The relay runs no other resources: it always throws.
   */
  callExport(resource: string, name: string, ...args: unknown[]): unknown;
  /** Registers a console/chat command; access control is the caller's job (ACE via players). */
  registerCommand(name: string, handler: CommandHandler): void;
  readonly players: Players;
  readonly timers: Timers;
}
