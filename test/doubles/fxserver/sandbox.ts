import { Console } from 'node:console';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { Writable } from 'node:stream';
import { format } from 'node:util';
import vm from 'node:vm';
import { type Realm, readIntrinsics, realmOf } from '../citizenfx/realm';
import type { CrashReporter } from './fatal';

/** Globals a Node 22 FXServer script sees besides the natives; taken from this Node where it has them. */
const NODE_GLOBALS = `
  AbortController AbortSignal Blob BroadcastChannel ByteLengthQueuingStrategy CompressionStream
  CountQueuingStrategy Crypto CryptoKey CustomEvent DOMException DecompressionStream Event EventTarget
  File FormData Headers MessageChannel MessageEvent MessagePort Performance PerformanceEntry
  PerformanceMark PerformanceMeasure PerformanceObserver PerformanceObserverEntryList
  PerformanceResourceTiming ReadableByteStreamController ReadableStream ReadableStreamBYOBReader
  ReadableStreamBYOBRequest ReadableStreamDefaultController ReadableStreamDefaultReader Request Response
  SubtleCrypto TextDecoder TextDecoderStream TextEncoder TextEncoderStream TransformStream
  TransformStreamDefaultController URL URLSearchParams WebSocket WritableStream
  WritableStreamDefaultController WritableStreamDefaultWriter atob btoa crypto fetch performance
  queueMicrotask structuredClone Buffer
`
  .trim()
  .split(/\s+/);

/** Node 22 has these, the Node running the tests may not: say so rather than call them unknown natives. */
const NODE22_ONLY = new Set(['WebSocket', 'Navigator', 'Iterator', 'CloseEvent']);

/** Names libraries probe with `typeof` to detect other platforms; absent on FXServer, and harmless. */
const FOREIGN_PLATFORMS = new Set([
  'Bun',
  'Deno',
  'EdgeRuntime',
  'Window',
  'Document',
  'HTMLElement',
  'Element',
  'XMLHttpRequest',
  'ActiveXObject',
  'WorkerGlobalScope',
  'ServiceWorkerGlobalScope',
  'DedicatedWorkerGlobalScope',
  'SharedWorkerGlobalScope',
]);

/** Bundlers put top-level function declarations at the start of a line, nested ones indented. */
const TOP_LEVEL_FUNCTION = /^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm;

const PROCESS_EXITS = new Set(['exit', 'reallyExit', 'abort', 'kill', 'chdir', 'dlopen', 'setuid', 'setgid']);
const EMITTER_METHODS = new Set(
  Object.getOwnPropertyNames(EventEmitter.prototype).filter(
    (name) => name !== 'constructor' && typeof Reflect.get(EventEmitter.prototype, name) === 'function',
  ),
);

export interface SandboxOptions {
  log(line: string): void;
  crash: CrashReporter;
  require: NodeJS.Require;
}

/**
 * A vm context shaped like a resource's JS environment on FXServer: a classic script, Node's globals, and
 * a global scope where an unknown PascalCase name (a native the double does not provide) fails loudly.
 */
export class Sandbox {
  readonly context: vm.Context;
  readonly realm: Realm;
  private readonly scope: Record<string, unknown> = {};
  /** Top-level function names of the loaded script: declaring one reads the name first. */
  private readonly declared = new Set<string>();

  constructor(private readonly options: SandboxOptions) {
    this.context = vm.createContext(this.scope, { name: 'fxserver-resource' });
    const intrinsics = readIntrinsics(this.context);
    this.realm = realmOf(intrinsics);
    const globalProxy = intrinsics.get('globalThis') as object;
    // Lookups missing from the scope walk its prototype chain before the context's own builtins, so the
    // catcher has to hand those builtins out itself, and the script's own `var X;` still unassigned,
    // which V8 keeps on the real global object.
    const catcher = new Proxy(Object.create(null) as object, {
      has: (_target, key) => typeof key === 'string' && (intrinsics.has(key) || this.isUnknownNative(key)),
      get: (_target, key) => {
        if (typeof key !== 'string') return undefined;
        if (intrinsics.has(key)) return intrinsics.get(key);
        const own = Object.getOwnPropertyDescriptor(globalProxy, key);
        if (own) return own.value;
        if (this.isUnknownNative(key)) throw this.unknownNative(key);
        return undefined;
      },
    });
    Object.setPrototypeOf(this.scope, catcher);
    this.defineNodeGlobals(globalProxy);
  }

  private isUnknownNative(name: string): boolean {
    return /^[A-Z]/.test(name) && !FOREIGN_PLATFORMS.has(name) && !this.declared.has(name);
  }

  private unknownNative(name: string): Error {
    if (NODE22_ONLY.has(name)) {
      return this.options.crash(
        `${name} is a Node 22 global, which this Node (${process.version}) cannot provide to the FXServer double`,
      );
    }
    return this.options.crash(`Unknown native ${name} (not provided by the FXServer double)`);
  }

  define(globals: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(globals)) {
      Object.defineProperty(this.scope, name, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }

  set(name: string, value: unknown): void {
    this.scope[name] = value;
  }

  run(code: string, filename: string): void {
    for (const match of code.matchAll(TOP_LEVEL_FUNCTION)) this.declared.add(match[1]!);
    new vm.Script(code, { filename }).runInContext(this.context);
  }

  private defineNodeGlobals(globalProxy: unknown): void {
    const host = globalThis as unknown as Record<string, unknown>;
    const provided: Record<string, unknown> = {};
    for (const name of NODE_GLOBALS) if (name in host) provided[name] = host[name];
    const console = this.captureConsole();
    this.define({
      ...provided,
      global: globalProxy,
      console,
      print: (...args: unknown[]) => this.options.log(format(...args)),
      process: this.processFacade(),
      require: this.options.require,
      navigator: {
        hardwareConcurrency: os.availableParallelism(),
        language: 'en-US',
        platform: process.platform,
        userAgent: 'Node.js/22',
      },
    });
  }

  /** Each console call becomes one entry in the log, whatever the method. */
  private captureConsole(): Console {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.options.log(chunk.toString('utf8').replace(/\n$/, ''));
        done();
      },
    });
    return new Console({ stdout: sink, stderr: sink, colorMode: false });
  }

  /**
   * The host's `process`, except what would reach past the resource: exiting, listeners on the test
   * runner's own process, exit codes, and raw stdout/stderr (captured into the log instead).
   */
  private processFacade(): NodeJS.Process {
    const emitter = new EventEmitter();
    const overlay: Record<PropertyKey, unknown> = { env: { ...process.env } };
    const stream = {
      write: (chunk: unknown) => {
        this.options.log(String(chunk).replace(/\n$/, ''));
        return true;
      },
      isTTY: false,
    };
    overlay.stdout = stream;
    overlay.stderr = stream;
    return new Proxy(process, {
      get: (target, key) => {
        if (Object.hasOwn(overlay, key)) return overlay[key];
        if (typeof key === 'string' && PROCESS_EXITS.has(key)) {
          return () => {
            throw this.options.crash(
              `process.${key}() called by the resource: it acts on the whole FXServer process`,
            );
          };
        }
        if (typeof key === 'string' && EMITTER_METHODS.has(key)) {
          const method = Reflect.get(emitter, key) as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => method.apply(emitter, args);
        }
        return Reflect.get(target, key);
      },
      set: (_target, key, value) => {
        overlay[key] = value;
        return true;
      },
    });
  }
}
