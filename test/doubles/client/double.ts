/**
 * A game client for the built dist/client.js: a vm context holding only what CitizenFX gives client
 * scripts (events, frame timers, console, the natives in natives.ts). No require, Buffer, fetch, window or
 * TextEncoder, and a native not in the list is a ReferenceError the test sees as a script error.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { localSource, playerSource, ScriptEvents } from '../citizenfx/events';
import { cloneInto } from '../citizenfx/msgpack-clone';
import { hostRealm, readIntrinsics, realmOf } from '../citizenfx/realm';
import { errorText } from '../citizenfx/script-calls';
import { FrameTimers } from './frame-timers';
import { createNatives, type NativeRecorder } from './natives';

/** Events the server sends arrive from this source on a client. */
const SERVER_SOURCE = playerSource(65535);

export interface ClientDouble extends Omit<NativeRecorder, 'natives'> {
  /** Delivers a server → client net event (msgpack round trip included). */
  receive(name: string, ...args: unknown[]): void;
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
}

export function loadClient(file: string): ClientDouble {
  const warnings: string[] = [];
  const errors: string[] = [];
  const emitted: { name: string; args: unknown[] }[] = [];
  const fail = (message: string) => {
    errors.push(message);
    return new Error(message);
  };
  const recorder = createNatives(fail, (line) => warnings.push(line));
  const timers = new FrameTimers((error) => errors.push(`SCRIPT ERROR in timer: ${errorText(error)}`));

  const context = vm.createContext({});
  const realm = realmOf(readIntrinsics(context));
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
    console: {
      log: () => {},
      info: () => {},
      debug: () => {},
      warn: (...args: unknown[]) => warnings.push(text(args)),
      error: (...args: unknown[]) => errors.push(text(args)),
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
    warnings,
    errors,
    emitted,
    timers,
    receive: (name, ...args) => events.trigger(name, args, hostRealm, SERVER_SOURCE),
    advance: (ms) => timers.advance(ms),
    evaluate: (code) => vm.runInContext(code, context),
  };
}
