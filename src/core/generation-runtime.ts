/**
 * The runtime one configuration's pipeline runs on, so `sonorancad reload` can build a new pipeline in
 * the running process. The host gets one trampoline per event, export and command name (a host cannot
 * unregister them), which calls whatever the current generation registered under that name; timers
 * are tracked too. `reset()` drops every registration and clears every timer: after the stages have
 * closed their files and sockets, it is the rest of the teardown.
 */
import type { CommandHandler, Runtime, Timers } from './runtime';

type Handler = (...args: unknown[]) => void;
type PlayerHandler = (player: number) => void;
type ExportFn = (...args: never[]) => unknown;

/**
 * A Runtime that belongs to one generation. Its own type, so handing the host where a generation
 * runtime belongs (registrations that would outlive a reload) does not compile.
 */
export interface GenerationRuntime extends Runtime {
  readonly lifetime: 'generation';
}

export interface GenerationRuntimes {
  runtime: GenerationRuntime;
  /** Forgets every registration and clears every timer of the generation that ran so far. */
  reset(): void;
}

/** Handlers per name; the first registration of a name installs the host's trampoline. */
function registry<T>(install: (name: string, current: () => T[]) => void) {
  const byName = new Map<string, T[]>();
  return {
    add(name: string, value: T) {
      let list = byName.get(name);
      if (!list) {
        list = [];
        byName.set(name, list);
        install(name, () => byName.get(name) ?? []);
      }
      list.push(value);
    },
    reset() {
      for (const list of byName.values()) list.length = 0;
    },
  };
}

/** The host's timers, remembering what is pending so that all of it can be cleared at once. */
function trackedTimers(host: Timers) {
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const timers: Timers = {
    now: host.now,
    setTimeout(fn, ms) {
      const handle = host.setTimeout(() => {
        timeouts.delete(handle);
        fn();
      }, ms);
      timeouts.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      timeouts.delete(handle);
      host.clearTimeout(handle);
    },
    setInterval(fn, ms) {
      const handle = host.setInterval(fn, ms);
      intervals.add(handle);
      return handle;
    },
    clearInterval(handle) {
      intervals.delete(handle);
      host.clearInterval(handle);
    },
  };
  const reset = () => {
    for (const handle of timeouts) host.clearTimeout(handle);
    for (const handle of intervals) host.clearInterval(handle);
    timeouts.clear();
    intervals.clear();
  };
  return { timers, reset };
}

export function createGenerationRuntimes(host: Runtime): GenerationRuntimes {
  const events = registry<Handler>((name, current) =>
    host.on(name, (...args) => {
      for (const handler of current()) handler(...args);
    }),
  );
  const playerEvents = registry<PlayerHandler>((name, current) =>
    host.onPlayer(name, (player) => {
      for (const handler of current()) handler(player);
    }),
  );
  // An export or a command has one handler: the latest registered.
  const exported = registry<ExportFn>((name, current) =>
    host.registerExport(name, (...args: never[]) => current().at(-1)?.(...args)),
  );
  const commands = registry<CommandHandler>((name, current) =>
    host.registerCommand(name, (source, args) => current().at(-1)?.(source, args)),
  );
  const timers = trackedTimers(host.timers);

  return {
    runtime: {
      ...host,
      lifetime: 'generation',
      timers: timers.timers,
      on: (name, handler) => events.add(name, handler),
      onPlayer: (name, handler) => playerEvents.add(name, handler),
      registerExport: (name, fn) => exported.add(name, fn),
      registerCommand: (name, handler) => commands.add(name, handler),
    },
    reset() {
      events.reset();
      playerEvents.reset();
      exported.reset();
      commands.reset();
      timers.reset();
    },
  };
}
