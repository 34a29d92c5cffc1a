/**
 * A game client for the built dist/client.js: a vm context holding only what CitizenFX gives client
 * scripts (events, exports, frame timers, console, the natives in natives.ts), beside fake resources such
 * as ox_lib. No require, Buffer, fetch, window or TextEncoder, and a native not in the list is a
 * ReferenceError the test sees as a script error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { localSource, playerSource, ScriptEvents } from '../citizenfx/events';
import { cloneInto } from '../citizenfx/msgpack-clone';
import { hostRealm, readIntrinsics, realmOf } from '../citizenfx/realm';
import { errorText } from '../citizenfx/script-calls';
import { ScriptExports } from '../citizenfx/script-exports';
import { FrameTimers } from './frame-timers';
import { createNatives, type NativeRecorder, type Waypoint } from './natives';
import type { NuiState } from './nui';
import { ClientResources, type ExportCall, type FakeResource } from './resources';

/** Events the server sends arrive from this source on a client. */
const SERVER_SOURCE = playerSource(65535);
const RESOURCE_NAME = 'sonorancad';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ClientOptions {
  /** Other resources on this client, by name (e.g. ox_lib with a `notify` export). */
  resources?: Record<string, FakeResource>;
  /** The resource KVP left by an earlier run of the client on this machine. */
  kvp?: Map<string, string>;
  /** Replicated convars (`setr`) the client can read. */
  convars?: Record<string, string>;
  /** The resource's folder as downloaded to the client (its `files`); the repository by default. */
  resourceDir?: string;
}

export interface ClientDouble extends Omit<NativeRecorder, 'natives' | 'world' | 'commands'> {
  /** Delivers a server → client net event (msgpack round trip included). */
  receive(name: string, ...args: unknown[]): void;
  /** The player types `/name args…` (or presses a key mapped to it). */
  command(name: string, ...args: string[]): void;
  /** The waypoint on the player's map. */
  readonly waypoint: Waypoint | null;
  /** The player sets a waypoint of their own on the map. */
  placeWaypoint(at: Waypoint): void;
  /** Calls of other resources' exports, as they received them. */
  readonly exportCalls: ExportCall[];
  setResourceState(name: string, state: string): void;
  /** Runs the timers due within `ms`. */
  advance(ms: number): void;
  /** console.warn lines, and component-length warnings from the natives. */
  readonly warnings: string[];
  /** SCRIPT ERROR lines and native misuse: a passing test leaves this empty. */
  readonly errors: string[];
  /** Local events the script emitted (e.g. chat:addMessage), after the msgpack round trip. */
  readonly emitted: { name: string; args: unknown[] }[];
  readonly timers: FrameTimers;
  /** Evaluates an expression in the client's global scope (for checks of the sandbox itself). */
  evaluate(code: string): unknown;
  /** The NUI frame's side: messages sent to it, focus, KVP, key bindings, the player's position. */
  readonly nui: NuiState;
  /** The page POSTs to a NUI callback: its answer, as the page would read it. */
  nuiCallback(name: string, body: unknown): unknown;
}

export function loadClient(file: string, options: ClientOptions = {}): ClientDouble {
  const warnings: string[] = [];
  const errors: string[] = [];
  const emitted: { name: string; args: unknown[] }[] = [];
  const fail = (message: string) => {
    errors.push(message);
    return new Error(message);
  };
  const resources = new ClientResources(options.resources);
  const nui: NuiState = {
    messages: [],
    callbacks: new Map(),
    focus: { focus: false, cursor: false },
    kvp: options.kvp ?? new Map(),
    rebound: new Map(),
    player: { x: 0, y: 0, z: 0 },
    // The game's default audio levels: SFX (300) at the top of its 0–10 range.
    profile: new Map([[300, 10]]),
  };
  const recorder = createNatives(
    fail,
    (line) => warnings.push(line),
    (name) => resources.state(name),
    nui,
  );
  const timers = new FrameTimers((error) => errors.push(`SCRIPT ERROR in timer: ${errorText(error)}`));

  const context = vm.createContext({});
  const realm = realmOf(readIntrinsics(context));
  const scriptExports = new ScriptExports(RESOURCE_NAME, realm, (resource, name) =>
    resources.exportOf(resource, name),
  );
  const events = new ScriptEvents(
    realm,
    (value) => {
      context.source = value;
    },
    (line) => (line.startsWith('SCRIPT ERROR') ? errors : warnings).push(line),
  );
  const text = (args: unknown[]) =>
    args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');

  Object.assign(context, recorder.natives, timers.globals, {
    source: null,
    exports: scriptExports.global,
    console: {
      log: () => {},
      info: () => {},
      debug: () => {},
      warn: (...args: unknown[]) => warnings.push(text(args)),
      error: (...args: unknown[]) => errors.push(text(args)),
    },
    GetCurrentResourceName: () => RESOURCE_NAME,
    GetConvar: (name: string, fallback: string) => options.convars?.[name] ?? fallback,
    // Files the manifest lists, as the client downloaded them; missing ones read as null.
    LoadResourceFile: (resource: string, file: string) => {
      if (resource !== RESOURCE_NAME) return null;
      try {
        return readFileSync(path.join(options.resourceDir ?? REPO_ROOT, file), 'utf8');
      } catch {
        return null;
      }
    },
    on: (name: string, handler: unknown) => events.on(name, handler),
    onNet: (name: string, handler?: unknown) => events.onNet(name, handler),
    emit: (name: string, ...args: unknown[]) => {
      emitted.push({ name, args: cloneInto(args, hostRealm, realm) as unknown[] });
      events.trigger(name, args, realm, localSource);
    },
  });
  vm.runInContext('globalThis.global = globalThis;', context);
  vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });

  return {
    calls: recorder.calls,
    feed: recorder.feed,
    sounds: recorder.sounds,
    blips: recorder.blips,
    keyMappings: recorder.keyMappings,
    exportCalls: resources.exportCalls,
    get waypoint() {
      return recorder.world.waypoint;
    },
    placeWaypoint: (at) => {
      recorder.world.waypoint = { ...at };
    },
    setResourceState: (name, state) => resources.setState(name, state),
    command: (name, ...args) => {
      const handler = recorder.commands.get(name);
      if (!handler) throw new Error(`No command ${name} is registered`);
      // The client runs commands as source 0, with the arguments split on spaces.
      try {
        handler(0, cloneInto(args, realm, hostRealm), [name, ...args].join(' '));
      } catch (error) {
        errors.push(`SCRIPT ERROR in command ${name}: ${errorText(error)}`);
      }
    },
    warnings,
    errors,
    emitted,
    timers,
    receive: (name, ...args) => events.trigger(name, args, hostRealm, SERVER_SOURCE),
    advance: (ms) => timers.advance(ms),
    evaluate: (code) => vm.runInContext(code, context),
    nui,
    nuiCallback: (name, body) => {
      const handler = nui.callbacks.get(name);
      // FiveM answers an unknown callback's request with nothing: the page's fetch fails.
      if (!handler) throw new Error(`No NUI callback ${name} is registered`);
      let answered = false;
      let answer: unknown;
      try {
        // The body arrives as JSON and goes to the script through msgpack, as the answer comes back.
        handler(cloneInto(body, realm, hostRealm), (value: unknown) => {
          answered = true;
          answer = cloneInto(value, hostRealm, realm);
        });
      } catch (error) {
        errors.push(`SCRIPT ERROR in NUI callback ${name}: ${errorText(error)}`);
      }
      if (!answered) throw fail(`NUI callback ${name} did not answer`);
      return answer;
    },
  };
}
