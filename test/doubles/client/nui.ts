/**
 * The client's side of NUI: the frame's messages as SendNuiMessage posts them (parsed, as the root page
 * hands them to the frame), the registered NUI callbacks, focus, the resource KVP and the key a key
 * mapping is bound to. A callback that never answers is an error the test sees.
 */
export interface NuiFocus {
  focus: boolean;
  cursor: boolean;
}

export interface NuiState {
  /** Every SendNuiMessage, parsed. */
  readonly messages: unknown[];
  readonly callbacks: Map<string, (data: unknown, answer: (value: unknown) => void) => void>;
  focus: NuiFocus;
  /** This resource's KVP on the player's machine: pass the same map to a second client to restart. */
  readonly kvp: Map<string, string>;
  /** Key mapping command → the key the player bound it to, over the default. */
  readonly rebound: Map<string, string>;
  /** The player's ped position. */
  player: { x: number; y: number; z: number };
  /** The player's game settings by GetProfileSetting id (300: SFX volume, 0–10). */
  readonly profile: Map<number, number>;
}

/** FiveM's GetHashKey: Jenkins one-at-a-time over the lower-cased string, as a signed 32-bit int. */
export function joaat(text: string): number {
  let hash = 0;
  for (const char of text.toLowerCase()) {
    hash = (hash + (char.codePointAt(0) ?? 0)) | 0;
    hash = (hash + (hash << 10)) | 0;
    hash ^= hash >>> 6;
  }
  hash = (hash + (hash << 3)) | 0;
  hash ^= hash >>> 11;
  hash = (hash + (hash << 15)) | 0;
  return hash;
}

export const PLAYER_PED = 1;
const MAPPED_COMMAND = 0x80000000;

export function createNuiNatives(
  state: NuiState,
  fail: (message: string) => Error,
  keyOf: (command: string) => string | undefined,
  commandNames: () => string[],
): Record<string, (...args: never[]) => unknown> {
  const str = (name: string, value: unknown): string => {
    if (typeof value !== 'string') throw fail(`${name}: expected a string, got ${String(value)}`);
    return value;
  };
  const bool = (name: string, value: unknown): boolean => {
    if (typeof value !== 'boolean') throw fail(`${name}: expected a boolean, got ${String(value)}`);
    return value;
  };
  return {
    SendNuiMessage: (json) => {
      try {
        state.messages.push(JSON.parse(str('SendNuiMessage', json)));
      } catch {
        throw fail('SendNuiMessage: invalid JSON passed in frame');
      }
      return true;
    },
    RegisterNuiCallback: (name, handler) => {
      if (typeof handler !== 'function') throw fail('RegisterNuiCallback: the handler is not a function');
      state.callbacks.set(str('RegisterNuiCallback', name), handler);
    },
    SetNuiFocus: (focus, cursor) => {
      state.focus = { focus: bool('SetNuiFocus', focus), cursor: bool('SetNuiFocus', cursor) };
    },
    GetResourceKvpString: (key) => state.kvp.get(str('GetResourceKvpString', key)) ?? null,
    SetResourceKvp: (key, value) => {
      state.kvp.set(str('SetResourceKvp', key), str('SetResourceKvp', value));
    },
    GetHashKey: (text) => joaat(str('GetHashKey', text)),
    // "t_<key>" for a key mapping's command hash with the mapping bit, as the game answers.
    GetControlInstructionalButton: (_pad, control) => {
      const command = commandNames().find((name) => (joaat(name) | MAPPED_COMMAND) === control);
      const key = command && (state.rebound.get(command) ?? keyOf(command));
      return key ? `t_${key}` : 'b_0';
    },
    GetProfileSetting: (setting) => {
      if (typeof setting !== 'number')
        throw fail(`GetProfileSetting: expected a number, got ${String(setting)}`);
      return state.profile.get(setting) ?? 0;
    },
    PlayerPedId: () => PLAYER_PED,
    GetEntityCoords: (entity) => {
      if (entity !== PLAYER_PED) throw fail(`GetEntityCoords: no entity ${String(entity)}`);
      const { x, y, z } = state.player;
      return [x, y, z];
    },
  };
}
