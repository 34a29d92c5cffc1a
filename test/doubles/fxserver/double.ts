import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { localSource, playerSource, ScriptEvents, serverPlayerSource } from '../citizenfx/events';
import type { AnyFunction } from '../citizenfx/msgpack-clone';
import { hostRealm } from '../citizenfx/realm';
import { callRef, errorText } from '../citizenfx/script-calls';
import { ScriptExports } from '../citizenfx/script-exports';
import { CommandTable } from './commands';
import { Convars } from './convars';
import { FatalServerCrash } from './fatal';
import { BODY_TIMING_HEADER, HttpBridge, REMOTE_ADDRESS_HEADER } from './http-bridge';
import type { OtherResource } from './other-resource';
import type { FakePlayer, Position } from './players';
import { PlayerTable } from './players';
import { DEFAULT_RATE_LIMIT, HostRateLimiter, type RateLimit } from './rate-limiter';
import { ResourceFiles } from './resource-files';
import { Sandbox } from './sandbox';
import { type FsFault, sandboxRequire } from './sandbox-require';
import { type LocalEventRecord, type NetEventRecord, serverGlobals } from './server-globals';
import { CfxTimers } from './timers';

export type { OtherResource } from './other-resource';
export type { FakePlayer } from './players';
export type { LocalEventRecord, NetEventRecord } from './server-globals';

/** Request headers the double reads instead of the socket: a remote address, and a late body. */
export const TEST_HEADERS = { remoteAddress: REMOTE_ADDRESS_HEADER, bodyTiming: BODY_TIMING_HEADER } as const;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface FxServerOptions {
  resourceName?: string;
  /** An absolute folder standing in for the resource root (config.json and saved files live here). */
  resourceDir: string;
  bundlePath?: string;
  convars?: Record<string, string>;
  players?: FakePlayer[];
  /** A request not answered with send() by then is recorded as a hang and its connection closed. */
  hangTimeoutMs?: number;
  /** Other resources on the server and their GetResourceState (`started`, `stopped`, …). */
  resources?: Record<string, string>;
  /** Resources started before ours, with exports and server events of their own (framework stand-ins). */
  others?: OtherResource[];
  /** Makes the resource's fs calls fail as a broken disk or a crash would (e.g. `renameSync`). */
  fsFault?: FsFault;
  /** Per-host HTTP limit; loopback and private addresses are exempt anyway. */
  rateLimit?: RateLimit | false;
  /** The limiter's clock in ms (default: performance.now), for tests that step time by hand. */
  rateLimitClock?: () => number;
}

export interface FxServer {
  readonly port: number;
  readonly baseUrl: string;
  /** Every emitNet, one row per receiving player. */
  readonly netEvents: NetEventRecord[];
  /** Every emit/TriggerEvent by the resource. */
  readonly localEvents: LocalEventRecord[];
  /** Every console/print line of the resource, and the runtime's SCRIPT ERROR lines. */
  readonly logs: string[];
  /** What would have crashed a real FXServer; the double stops serving after the first. */
  readonly fatals: Error[];
  /** Requests never answered. */
  readonly hangs: string[];
  readonly commands: Map<string, { restricted: boolean }>;
  addPlayer(player: FakePlayer): void;
  dropPlayer(id: number, reason?: string): void;
  setPosition(id: number, position: Position): void;
  setConvar(name: string, value: string): void;
  runCommand(name: string, source: number, args: string[]): void;
  emitLocal(name: string, ...args: unknown[]): void;
  /** A player's client calling emitNet/TriggerServerEvent: only net-safe names get through. */
  emitFromClient(name: string, player: number, ...args: unknown[]): void;
  callExport(name: string, ...args: unknown[]): unknown;
  /** Polls until `predicate` holds; the deadline (10 s unless given) only bounds a failing test. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  assertHealthy(): void;
  /** The function the script passed to SetHttpHandler, for benchmarks that call it as FXServer does. */
  scriptHttpHandler(): AnyFunction | null;
  /** `stop <resource>` in the console: onResourceStop, route and commands gone; the listener stays up. */
  stopResource(): void;
  /** `start <name>` of another resource: its exports appear, then onResourceStart(name) reaches ours. */
  startOther(resource: OtherResource): void;
  /** `stop <name>` of another resource: onResourceStop(name), then its exports are gone. */
  stopOther(name: string): void;
  stop(): Promise<void>;
}

const DEFAULT_HANG_TIMEOUT_MS = 5_000;
const POLL_MS = 5;

class FxServerDouble implements FxServer {
  port = 0;
  readonly netEvents: NetEventRecord[] = [];
  readonly localEvents: LocalEventRecord[] = [];
  readonly logs: string[] = [];
  readonly fatals: Error[] = [];
  readonly hangs: string[] = [];
  readonly resourceName: string;

  private crashed = false;
  private routed = false;
  private stopped = false;
  private httpHandler: AnyFunction | null = null;
  private rateLimiter: HostRateLimiter | null | undefined;
  private nextTempId = 65_535;
  private readonly players = new PlayerTable();
  private readonly resourceStates: Record<string, string>;
  private readonly others = new Map<string, OtherResource>();
  private readonly convars: Convars;
  private readonly timers: CfxTimers;
  private readonly sandbox: Sandbox;
  private readonly events: ScriptEvents;
  private readonly scriptExports: ScriptExports;
  private readonly commandTable: CommandTable;
  private readonly bridge: HttpBridge;

  constructor(private readonly options: FxServerOptions) {
    this.resourceName = options.resourceName ?? 'sonorancad';
    this.convars = new Convars(options.convars);
    for (const player of options.players ?? []) this.players.add(player);
    this.resourceStates = { ...options.resources };
    const log = (line: string) => this.log(line);
    const crash = (message: string) => this.crash(message);
    this.timers = new CfxTimers((where, error) => log(`SCRIPT ERROR in ${where}: ${errorText(error)}`));
    this.sandbox = new Sandbox({
      log,
      crash,
      require: sandboxRequire(path.join(REPO_ROOT, 'package.json'), options.resourceDir, options.fsFault),
    });
    const realm = this.sandbox.realm;
    this.events = new ScriptEvents(realm, (value) => this.sandbox.set('source', value), log);
    this.scriptExports = new ScriptExports(
      this.resourceName,
      realm,
      (resource, name) => this.others.get(resource)?.exports[name],
    );
    for (const other of options.others ?? []) this.attachOther(other);
    this.commandTable = new CommandTable(realm, (src, ace) => this.players.isAceAllowed(src, ace), log);
    this.sandbox.define(
      serverGlobals({
        resourceName: this.resourceName,
        realm,
        events: this.events,
        players: this.players,
        convars: this.convars,
        files: new ResourceFiles(this.resourceName, options.resourceDir),
        commands: this.commandTable,
        exports: this.scriptExports,
        timers: this.timers.globals,
        netEvents: this.netEvents,
        localEvents: this.localEvents,
        setHttpHandler: (handler) => {
          this.httpHandler = handler;
        },
        log,
        startedAt: performance.now(),
        resources: this.resourceStates,
      }),
    );
    this.bridge = new HttpBridge({
      resourceName: this.resourceName,
      realm,
      hangTimeoutMs: options.hangTimeoutMs ?? DEFAULT_HANG_TIMEOUT_MS,
      isRouted: () => this.routed,
      isCrashed: () => this.crashed,
      handler: () => this.httpHandler,
      limiter: () => this.limiter(),
      crash,
      call: (fn, args) => {
        if (!this.crashed) callRef(fn, args, log);
      },
      recordHang: (description) => this.hangs.push(description),
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get commands(): Map<string, { restricted: boolean }> {
    return this.commandTable.registered;
  }

  async start(code: string, filename: string): Promise<void> {
    this.port = await this.bridge.listen();
    this.timers.start();
    let failure: unknown = null;
    try {
      this.sandbox.run(code, filename);
    } catch (error) {
      failure = error;
    }
    // A crash the script caught still took the server down.
    failure ??= this.fatals[0] ?? null;
    if (failure !== null) {
      await this.stop();
      throw new Error(
        `Error loading script ${filename} in resource ${this.resourceName}: ${errorText(failure)}`,
        {
          cause: failure,
        },
      );
    }
    this.routed = true;
    this.events.trigger('onResourceStart', [this.resourceName], hostRealm, localSource);
  }

  private log(line: string): void {
    this.logs.push(line);
    if (process.env.FXSERVER_DOUBLE_ECHO) process.stdout.write(`[${this.resourceName}] ${line}\n`);
  }

  /** Records what would take FXServer down, and takes the double down with it: loud, like the real thing. */
  private crash(message: string): FatalServerCrash {
    const error = new FatalServerCrash(message);
    this.fatals.push(error);
    console.error(`[fxserver double] FATAL: ${message}`);
    if (!this.crashed) {
      this.crashed = true;
      this.timers.stop();
      this.bridge.dropConnections();
    }
    return error;
  }

  private limiter(): HostRateLimiter | null {
    if (this.rateLimiter === undefined) {
      const configured = this.options.rateLimit;
      if (configured === false) this.rateLimiter = null;
      else {
        const base = configured ?? DEFAULT_RATE_LIMIT;
        const convar = (suffix: string, fallback: number) => {
          const value = Number(this.convars.get(`rateLimiter_http_${this.resourceName}_${suffix}`));
          return Number.isFinite(value) && value > 0 ? value : fallback;
        };
        this.rateLimiter = new HostRateLimiter(
          { rate: convar('rate', base.rate), burst: convar('burst', base.burst) },
          this.options.rateLimitClock,
        );
      }
    }
    return this.rateLimiter;
  }

  private alive(what: string): void {
    if (this.crashed) throw new Error(`${what}: the FXServer double crashed: ${this.fatals[0]?.message}`);
    if (!this.routed) throw new Error(`${what}: resource ${this.resourceName} is not running`);
  }

  addPlayer(player: FakePlayer): void {
    this.alive('addPlayer');
    this.players.add(player);
    this.events.trigger(
      'playerJoining',
      [String(this.nextTempId++)],
      hostRealm,
      serverPlayerSource(player.id),
    );
  }

  dropPlayer(id: number, reason = 'Disconnected.'): void {
    this.alive('dropPlayer');
    if (!this.players.has(id)) throw new Error(`dropPlayer: no connected player ${id}`);
    this.events.trigger('playerDropped', [reason], hostRealm, serverPlayerSource(id));
    this.players.remove(id);
  }

  setPosition(id: number, position: Position): void {
    this.players.setPosition(id, position);
  }

  setConvar(name: string, value: string): void {
    this.convars.set(name, value);
  }

  runCommand(name: string, source: number, args: string[]): void {
    this.alive('runCommand');
    this.commandTable.run(name, source, args);
  }

  emitLocal(name: string, ...args: unknown[]): void {
    this.alive('emitLocal');
    this.events.trigger(name, args, hostRealm, localSource);
  }

  emitFromClient(name: string, player: number, ...args: unknown[]): void {
    this.alive('emitFromClient');
    if (!this.players.has(player)) throw new Error(`emitFromClient: no connected player ${player}`);
    this.events.trigger(name, args, hostRealm, playerSource(player));
  }

  callExport(name: string, ...args: unknown[]): unknown {
    this.alive('callExport');
    return this.scriptExports.call(name, args);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (predicate()) return;
      if (this.fatals.length > 0) throw new Error(`waitFor: the FXServer double crashed\n${this.report()}`);
      if (performance.now() > deadline)
        throw new Error(`waitFor: condition not met in ${timeoutMs} ms\n${this.report()}`);
      await sleep(POLL_MS);
    }
  }

  scriptHttpHandler(): AnyFunction | null {
    return this.httpHandler;
  }

  assertHealthy(): void {
    if (this.fatals.length === 0 && this.hangs.length === 0) return;
    throw new Error(`The FXServer double is not healthy\n${this.report()}`);
  }

  private report(): string {
    const lines = [
      ...this.fatals.map((error) => `fatal: ${error.message}`),
      ...this.hangs.map((hang) => `hang: ${hang} (no send() within the hang timeout)`),
      '--- last log lines ---',
      ...this.logs.slice(-20),
    ];
    return lines.join('\n');
  }

  stopResource(): void {
    if (!this.routed) return;
    if (!this.crashed) this.events.trigger('onResourceStop', [this.resourceName], hostRealm, localSource);
    this.routed = false;
    this.httpHandler = null;
    this.commandTable.clear();
    this.timers.stop();
  }

  private attachOther(other: OtherResource): void {
    this.others.set(other.name, other);
    this.resourceStates[other.name] = 'started';
    // TriggerEvent from that resource: a local event, its arguments from outside our realm.
    other.attach((name, ...args) => this.events.trigger(name, args, hostRealm, localSource));
  }

  startOther(other: OtherResource): void {
    this.alive('startOther');
    this.attachOther(other);
    this.events.trigger('onResourceStart', [other.name], hostRealm, localSource);
  }

  stopOther(name: string): void {
    this.alive('stopOther');
    if (!this.others.has(name)) throw new Error(`stopOther: ${name} is not started`);
    this.resourceStates[name] = 'stopping';
    this.events.trigger('onResourceStop', [name], hostRealm, localSource);
    this.others.delete(name);
    this.resourceStates[name] = 'stopped';
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopResource();
    this.timers.stop();
    await this.bridge.close();
  }
}

export async function startFxServer(options: FxServerOptions): Promise<FxServer> {
  if (!path.isAbsolute(options.resourceDir) || !fs.statSync(options.resourceDir).isDirectory()) {
    throw new Error(`resourceDir must be an existing absolute folder: ${options.resourceDir}`);
  }
  const bundlePath = options.bundlePath ?? path.join(REPO_ROOT, 'dist', 'server.js');
  if (!fs.existsSync(bundlePath)) throw new Error(`No bundle at ${bundlePath}: run \`npm run build\` first`);
  const server = new FxServerDouble(options);
  await server.start(fs.readFileSync(bundlePath, 'utf8'), bundlePath);
  return server;
}
