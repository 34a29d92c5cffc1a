import { performance } from 'node:perf_hooks';
import { localSource, type ScriptEvents } from '../citizenfx/events';
import { type AnyFunction, cloneInto, msgpackClone } from '../citizenfx/msgpack-clone';
import { hostRealm, type Realm } from '../citizenfx/realm';
import type { ScriptExports } from '../citizenfx/script-exports';
import type { CommandTable } from './commands';
import { type Convars, nativeString } from './convars';
import { type PlayerTable, playerId } from './players';
import type { ResourceFiles } from './resource-files';
import type { TimerGlobals } from './timers';

export interface NetEventRecord {
  name: string;
  target: number;
  args: unknown[];
}

export interface LocalEventRecord {
  name: string;
  args: unknown[];
}

export interface GlobalsDeps {
  resourceName: string;
  realm: Realm;
  events: ScriptEvents;
  players: PlayerTable;
  convars: Convars;
  files: ResourceFiles;
  commands: CommandTable;
  exports: ScriptExports;
  timers: TimerGlobals;
  netEvents: NetEventRecord[];
  localEvents: LocalEventRecord[];
  setHttpHandler(handler: AnyFunction | null): void;
  log(line: string): void;
  startedAt: number;
  /** GetResourceState's answers for other resources; unlisted ones are `missing`. */
  resources: Record<string, string>;
}

const LARGE_EVENT_BYTES = 1_000_000;
const LARGE_EVENT_WARN_EVERY_MS = 5_000;

/** The natives and CitizenFX helpers the double provides; any other PascalCase global fails loudly. */
export function serverGlobals(deps: GlobalsDeps): Record<string, unknown> {
  const { events, players, realm, log } = deps;
  let lastLargeWarning = Number.NEGATIVE_INFINITY;

  const triggerLocal = (name: unknown, ...args: unknown[]) => {
    const eventName = nativeString(name, 0);
    deps.localEvents.push({ name: eventName, args: cloneInto(args, hostRealm, realm) as unknown[] });
    events.trigger(eventName, args, realm, localSource);
  };

  // Net payloads leave the process: a function cannot follow them to a client.
  const sendToClients = (name: unknown, target: unknown, args: unknown[]) => {
    const eventName = nativeString(name, 0);
    const id = playerId(nativeString(target, 1));
    let functions = 0;
    const packed = () =>
      msgpackClone(args, hostRealm, () => {
        functions++;
        return '[function]';
      });
    const { bytes } = packed();
    if (functions > 0) log(`Warning: emitNet ${eventName} carries a function, which no client can call`);
    const now = performance.now();
    if (bytes >= LARGE_EVENT_BYTES && now - lastLargeWarning >= LARGE_EVENT_WARN_EVERY_MS) {
      lastLargeWarning = now;
      log(`Warning: sending large event ${eventName} (${bytes} bytes). Consider using latent events.`);
    }
    const receivers = id === -1 ? players.ids() : id !== null && players.has(id) ? [id] : [];
    for (const receiver of receivers) {
      deps.netEvents.push({ name: eventName, target: receiver, args: packed().value as unknown[] });
    }
  };

  const on = (name: unknown, handler: unknown) => events.on(nativeString(name, 0), handler);
  const onNet = (name: unknown, handler?: unknown) => events.onNet(nativeString(name, 0), handler);
  const emitNet = (name: unknown, target: unknown, ...args: unknown[]) => sendToClients(name, target, args);
  const player = (src: unknown) => players.get(nativeString(src, 0));
  const identifiers = (src: unknown) => player(src)?.identifiers ?? [];
  const toRealm = (value: unknown) => cloneInto(value, realm, hostRealm);

  return {
    source: null,
    on,
    AddEventHandler: on,
    addEventListener: on,
    onNet,
    addNetEventListener: onNet,
    RegisterNetEvent: onNet,
    removeEventListener: (name: unknown, handler: unknown) => events.off(nativeString(name, 0), handler),
    emit: triggerLocal,
    TriggerEvent: triggerLocal,
    emitNet,
    TriggerClientEvent: emitNet,
    TriggerLatentClientEvent: (name: unknown, target: unknown, _bps: unknown, ...args: unknown[]) =>
      sendToClients(name, target, args),
    exports: deps.exports.global,
    RegisterCommand: (name: unknown, handler: unknown, restricted: unknown) =>
      deps.commands.register(name, handler, restricted),
    SetHttpHandler: (handler: unknown) =>
      deps.setHttpHandler(typeof handler === 'function' ? (handler as AnyFunction) : null),
    GetCurrentResourceName: () => deps.resourceName,
    GetResourcePath: (name: unknown) => deps.files.resourcePath(name),
    GetResourceState: (name: unknown) => {
      const resource = nativeString(name, 0);
      return resource === deps.resourceName ? 'started' : (deps.resources[resource] ?? 'missing');
    },
    LoadResourceFile: (res: unknown, file: unknown) => deps.files.load(res, file),
    SaveResourceFile: (res: unknown, file: unknown, data: unknown, len: unknown) =>
      deps.files.save(res, file, data, len),
    GetConvar: (name: unknown, def: unknown) => deps.convars.getString(name, def),
    GetConvarInt: (name: unknown, def: unknown) => deps.convars.getInt(name, def),
    GetGameTimer: () => Math.floor(performance.now() - deps.startedAt),
    getPlayers: () => toRealm(players.ids().map(String)),
    GetNumPlayerIndices: () => players.ids().length,
    GetPlayerFromIndex: (index: unknown) => {
      const id = players.ids()[Number(index)];
      return id === undefined ? null : String(id);
    },
    getPlayerIdentifiers: (src: unknown) => toRealm(identifiers(src)),
    GetNumPlayerIdentifiers: (src: unknown) => identifiers(src).length,
    GetPlayerIdentifier: (src: unknown, index: unknown) => identifiers(src)[Number(index)] ?? null,
    GetPlayerIdentifierByType: (src: unknown, type: unknown) =>
      identifiers(src).find((id) => id.startsWith(`${nativeString(type, 1)}:`)) ?? null,
    GetPlayerName: (src: unknown) => player(src)?.name ?? null,
    IsPlayerAceAllowed: (src: unknown, ace: unknown) =>
      players.isAceAllowed(nativeString(src, 0), nativeString(ace, 1)),
    GetPlayerPed: (src: unknown) => players.pedOf(nativeString(src, 0)),
    GetEntityCoords: (ped: unknown) => {
      const position = players.positionOfPed(ped);
      // Server-side entity natives refuse a handle that names nothing.
      if (!position) throw new Error(`Tried to access invalid entity: ${String(ped)}`);
      return toRealm([position.x, position.y, position.z]);
    },
    ...deps.timers,
  };
}
