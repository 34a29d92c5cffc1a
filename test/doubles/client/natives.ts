/**
 * The game natives the client script may call, recorded with the state they change: feed posts, sounds,
 * blips, the waypoint, commands and key mappings, and NUI (nui.ts). Argument types are checked as the generated wrappers
 * check them; misuse is an error the test sees.
 */

import { createNuiNatives, type NuiState } from './nui';

export const COMPONENT_LIMIT = 99;

export interface NativeCall {
  name: string;
  args: unknown[];
}

export interface FeedPost {
  handle: number;
  label: string;
  components: string[];
  text: string;
  important: boolean;
  removed: boolean;
}

export interface Blip {
  handle: number;
  coords: { x: number; y: number; z: number };
  sprite?: number;
  colour?: number;
  scale?: number;
  flashes?: boolean;
  route?: boolean;
  routeColour?: number;
  shortRange?: boolean;
  name?: string;
}

export interface Sound {
  soundId: number;
  name: string;
  set: string;
}

export interface Waypoint {
  x: number;
  y: number;
}

export interface KeyMapping {
  command: string;
  description: string;
  mapper: string;
  key: string;
}

interface TextCommand {
  kind: 'feed' | 'blipName';
  label: string;
  components: string[];
}

export interface NativeRecorder {
  readonly calls: NativeCall[];
  readonly feed: FeedPost[];
  readonly sounds: Sound[];
  /** Live blips by handle; RemoveBlip deletes. */
  readonly blips: Map<number, Blip>;
  /** The map's waypoint: set by the script or, in a test, by the player. */
  readonly world: { waypoint: Waypoint | null };
  /** Command handlers by name. */
  readonly commands: Map<string, (...args: unknown[]) => unknown>;
  readonly keyMappings: KeyMapping[];
  readonly natives: Record<string, (...args: unknown[]) => unknown>;
}

type Fail = (message: string) => Error;

/** What GetFirstBlipInfoId answers for the waypoint, whose sprite is 8. */
const WAYPOINT_SPRITE = 8;
const WAYPOINT_BLIP_INFO = 0x7f00;

export function createNatives(
  fail: Fail,
  warn: (line: string) => void,
  resourceState: (name: string) => string,
  nui: NuiState,
): NativeRecorder {
  const calls: NativeCall[] = [];
  const feed: FeedPost[] = [];
  const sounds: Sound[] = [];
  const blips = new Map<number, Blip>();
  const world: { waypoint: Waypoint | null } = { waypoint: null };
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const keyMappings: KeyMapping[] = [];
  let text: TextCommand | null = null;
  let nextBlip = 1;
  let nextFeed = 1;

  // `_ts`: 0, null, undefined and false become null, which the native rejects.
  const str = (name: string, value: unknown): string => {
    if (value === 0 || value === null || value === undefined || value === false)
      throw fail(`${name}: null string argument`);
    return String(value);
  };
  const num = (name: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw fail(`${name}: expected a number, got ${String(value)}`);
    return value;
  };
  const bool = (name: string, value: unknown): boolean => {
    if (typeof value !== 'boolean') throw fail(`${name}: expected a boolean, got ${String(value)}`);
    return value;
  };
  const blip = (name: string, handle: unknown): Blip => {
    const found = blips.get(num(name, handle));
    if (!found) throw fail(`${name}: blip ${String(handle)} does not exist`);
    return found;
  };
  const begin = (name: string, kind: TextCommand['kind'], label: unknown) => {
    if (text) throw fail(`${name}: a ${text.kind} text command is still open`);
    text = { kind, label: str(name, label), components: [] };
  };
  const end = (name: string, kind: TextCommand['kind']): TextCommand => {
    if (text?.kind !== kind) throw fail(`${name}: no ${kind} text command is open`);
    const done = text;
    text = null;
    return done;
  };
  const setter =
    <K extends keyof Blip>(name: string, key: K, read: (name: string, value: unknown) => Blip[K]) =>
    (handle: unknown, value: unknown) => {
      blip(name, handle)[key] = read(name, value);
    };

  const natives: Record<string, (...args: never[]) => unknown> = {
    BeginTextCommandThefeedPost: (label) => begin('BeginTextCommandThefeedPost', 'feed', label),
    AddTextComponentSubstringPlayerName: (value) => {
      const piece = str('AddTextComponentSubstringPlayerName', value);
      if (!text) throw fail('AddTextComponentSubstringPlayerName: no text command is open');
      const bytes = Buffer.byteLength(piece);
      if (bytes > COMPONENT_LIMIT) {
        warn(
          `AddTextComponentSubstringPlayerName: ${bytes} bytes exceed the ${COMPONENT_LIMIT} a component holds`,
        );
      }
      text.components.push(piece);
    },
    EndTextCommandThefeedPostTicker: (important, brief) => {
      const done = end('EndTextCommandThefeedPostTicker', 'feed');
      bool('EndTextCommandThefeedPostTicker', brief);
      const post: FeedPost = {
        handle: nextFeed++,
        label: done.label,
        components: done.components,
        text: done.components.join(''),
        important: bool('EndTextCommandThefeedPostTicker', important),
        removed: false,
      };
      feed.push(post);
      return post.handle;
    },
    ThefeedRemoveItem: (handle) => {
      const post = feed.find((item) => item.handle === num('ThefeedRemoveItem', handle));
      if (post) post.removed = true;
    },
    PlaySoundFrontend: (soundId, name, set, p3) => {
      bool('PlaySoundFrontend', p3);
      sounds.push({
        soundId: num('PlaySoundFrontend', soundId),
        name: str('PlaySoundFrontend', name),
        set: str('PlaySoundFrontend', set),
      });
    },
    AddBlipForCoord: (x, y, z) => {
      const handle = nextBlip++;
      const coords = {
        x: num('AddBlipForCoord', x),
        y: num('AddBlipForCoord', y),
        z: num('AddBlipForCoord', z),
      };
      blips.set(handle, { handle, coords });
      return handle;
    },
    SetBlipSprite: setter('SetBlipSprite', 'sprite', num),
    SetBlipColour: setter('SetBlipColour', 'colour', num),
    SetBlipScale: setter('SetBlipScale', 'scale', num),
    SetBlipFlashes: setter('SetBlipFlashes', 'flashes', bool),
    SetBlipRoute: setter('SetBlipRoute', 'route', bool),
    SetBlipRouteColour: setter('SetBlipRouteColour', 'routeColour', num),
    SetBlipAsShortRange: setter('SetBlipAsShortRange', 'shortRange', bool),
    SetBlipCoords: (handle, x, y, z) => {
      blip('SetBlipCoords', handle).coords = {
        x: num('SetBlipCoords', x),
        y: num('SetBlipCoords', y),
        z: num('SetBlipCoords', z),
      };
    },
    BeginTextCommandSetBlipName: (label) => begin('BeginTextCommandSetBlipName', 'blipName', label),
    EndTextCommandSetBlipName: (handle) => {
      const target = blip('EndTextCommandSetBlipName', handle);
      target.name = end('EndTextCommandSetBlipName', 'blipName').components.join('');
    },
    DoesBlipExist: (handle) => blips.has(num('DoesBlipExist', handle)),
    RemoveBlip: (handle) => {
      blips.delete(blip('RemoveBlip', handle).handle);
    },
    SetNewWaypoint: (x, y) => {
      world.waypoint = { x: num('SetNewWaypoint', x), y: num('SetNewWaypoint', y) };
    },
    DeleteWaypoint: () => {
      world.waypoint = null;
    },
    IsWaypointActive: () => world.waypoint !== null,
    GetFirstBlipInfoId: (sprite) =>
      num('GetFirstBlipInfoId', sprite) === WAYPOINT_SPRITE && world.waypoint ? WAYPOINT_BLIP_INFO : 0,
    // A vector3 reaches JS as an array; the waypoint lies on the ground, here at z 0.
    GetBlipInfoIdCoord: (handle) =>
      num('GetBlipInfoIdCoord', handle) === WAYPOINT_BLIP_INFO && world.waypoint
        ? [world.waypoint.x, world.waypoint.y, 0]
        : [0, 0, 0],
    GetResourceState: (name) => resourceState(str('GetResourceState', name)),
    RegisterCommand: (name, handler, restricted) => {
      if (typeof handler !== 'function') throw fail('RegisterCommand: the handler is not a function');
      bool('RegisterCommand', restricted);
      commands.set(str('RegisterCommand', name), handler);
    },
    RegisterKeyMapping: (command, description, mapper, key) => {
      keyMappings.push({
        command: str('RegisterKeyMapping', command),
        description: str('RegisterKeyMapping', description),
        mapper: str('RegisterKeyMapping', mapper),
        key: str('RegisterKeyMapping', key),
      });
    },
  };

  Object.assign(
    natives,
    createNuiNatives(
      nui,
      fail,
      (command) => keyMappings.find((mapping) => mapping.command === command)?.key,
      () => keyMappings.map((mapping) => mapping.command),
    ),
  );
  const recorded: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, fn] of Object.entries(natives)) {
    recorded[name] = (...args: unknown[]) => {
      calls.push({ name, args });
      return (fn as (...args: unknown[]) => unknown)(...args);
    };
  }
  return { calls, feed, sounds, blips, world, commands, keyMappings, natives: recorded };
}
