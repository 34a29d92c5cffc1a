/**
 * The only file that calls FiveM natives. It returns raw values and validates nothing: the core
 * decides what they mean.
 */
import { writeFileAtomic } from '../../core/config/write-atomic';
import type { Runtime } from '../../core/runtime';
import { InboundEvents } from '../../shared/events';
import type { FxRequest, FxResponse } from '../http-handler';

type ExportFn = (...args: unknown[]) => unknown;
/** FiveM's `exports`: called to register, indexed by resource and name to call another resource. */
type Exports = ((name: string, fn: (...args: never[]) => unknown) => void) &
  Record<string, Record<string, ExportFn | undefined> | undefined>;
const fxExports = () => (globalThis as unknown as { exports: Exports }).exports;

export function createFxRuntime(): Runtime {
  const resourceName = GetCurrentResourceName();
  const resourcePath = GetResourcePath(resourceName);

  return {
    kind: 'fivem',
    resourceName,
    // FXServer lets a resource write only inside its own folder.
    dataDir: `${resourcePath}/data`,
    setting(name) {
      // A protected convar reads as the default for resources without permission: same as unset.
      const value = GetConvar(name, '');
      return value === '' ? undefined : value;
    },
    resourceState: (name) => GetResourceState(name),
    readFile: (path) => LoadResourceFile(resourceName, path) ?? null,
    // SaveResourceFile writes in place, so a crash could leave half a file: Node's fs can rename.
    writeFile: (path, text) => writeFileAtomic(`${resourcePath}/${path}`, text),
    print: (line) => console.log(line),
    emit: (name, ...args) => emit(name, ...args),
    on: (name, handler) => on(name, handler),
    // FXServer names the player in the global `source`, not in the arguments.
    onPlayer: (name, handler) => on(name, () => handler(Number(source))),
    // One payload, passed straight on: an alert calls this once per recipient.
    emitNet: (name, player, payload) => emitNet(name, player, payload),
    registerExport(name, fn) {
      // Bare `exports(...)` would hit the bundle's CommonJS `exports` object; the global is FiveM's.
      fxExports()(name, fn);
    },
    callExport(resource, name, ...args) {
      const fn = fxExports()[resource]?.[name];
      if (typeof fn !== 'function') throw new Error(`${resource} has no export ${name}`);
      return fn(...args);
    },
    registerCommand: (name, handler) =>
      RegisterCommand(name, (source: number, args: string[]) => handler(source, args), false),
    players: {
      list: () => getPlayers().map(Number),
      identifiers: (player) => getPlayerIdentifiers(player),
      name: (player) => GetPlayerName(String(player)),
      isAceAllowed: (player, ace) => IsPlayerAceAllowed(String(player), ace) === true,
      position(player) {
        const ped = GetPlayerPed(String(player));
        if (!ped) return null;
        const [x = 0, y = 0, z = 0] = GetEntityCoords(ped);
        return { x, y, z };
      },
    },
    timers: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    },
  };
}

export function setHttpHandler(handler: (req: FxRequest, res: FxResponse) => void): void {
  SetHttpHandler(handler);
}

export function onResourceStop(handler: () => void): void {
  const own = GetCurrentResourceName();
  on(InboundEvents.ResourceStop, (name: string) => {
    if (name === own) handler();
  });
}
