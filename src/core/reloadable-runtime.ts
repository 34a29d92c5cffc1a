/**
 * A runtime whose registrations can be dropped and made again, so `sonorancad reload` can build a new
 * pipeline in the running process. The host gets one trampoline per event, export and command name (a
 * host cannot unregister them), which calls whatever the current pipeline registered under that name.
 */
import type { CommandHandler, Runtime } from './runtime';

type Handler = (...args: unknown[]) => void;
type PlayerHandler = (player: number) => void;
type ExportFn = (...args: never[]) => unknown;

export interface ReloadableRuntime {
  runtime: Runtime;
  /** Forgets every registration made so far; the next pipeline registers its own. */
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

export function createReloadableRuntime(host: Runtime): ReloadableRuntime {
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

  return {
    runtime: {
      ...host,
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
    },
  };
}
