/** The runtime on plain Node: settings from the environment, local events in-process, no players. */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/config/write-atomic';
import type { CommandHandler, Runtime, Timers } from '../core/runtime';

/** `sonoran_apiKey` → `SONORAN_API_KEY`, so a convar name documented for FiveM maps to one env variable. */
export function envName(setting: string): string {
  return setting.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export interface NodeRuntimeOptions {
  /** Folder holding config.json. */
  root: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  print(line: string, urgent?: boolean): void;
}

export interface NodeRuntime extends Runtime {
  readonly events: EventEmitter;
  readonly commands: Map<string, CommandHandler>;
  readonly exported: Map<string, (...args: never[]) => unknown>;
}

/** Node's own timers and wall clock. */
export const nodeTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export function createNodeRuntime(options: NodeRuntimeOptions): NodeRuntime {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const commands = new Map<string, CommandHandler>();
  const exported = new Map<string, (...args: never[]) => unknown>();

  return {
    kind: 'standalone',
    resourceName: 'sonorancad',
    dataDir: options.dataDir,
    events,
    commands,
    exported,
    setting(name) {
      const value = options.env[name] ?? options.env[envName(name)];
      return value === undefined || value === '' ? undefined : value;
    },
    resourceState: () => 'missing',
    readFile(path) {
      try {
        return readFileSync(join(options.root, path), 'utf8');
      } catch {
        return null;
      }
    },
    writeFile: (path, text) => writeFileAtomic(join(options.root, path), text),
    print: options.print,
    emit: (name, ...args) => {
      events.emit(name, ...args);
    },
    on: (name, handler) => {
      events.on(name, handler);
    },
    // No players ever join a relay.
    onPlayer: () => {},
    // No game clients on a relay host: alerts have no one to reach.
    emitNet: () => {},
    registerExport: (name, fn) => {
      exported.set(name, fn);
    },
    registerCommand: (name, handler) => {
      commands.set(name, handler);
    },
    callExport(resource) {
      throw new Error(`the relay runs no other resources, so no ${resource}`);
    },
    players: {
      list: () => [],
      identifiers: () => [],
      name: () => '',
      isAceAllowed: () => false,
      position: () => null,
    },
    timers: nodeTimers,
  };
}
