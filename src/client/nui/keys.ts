/**
 * The card keys: commands with key mappings, rebindable in Settings → Key Bindings → FiveM. The defaults
 * are the navigation keys above the arrows, which neither GTA V nor the common RP resources bind (they
 * use letters and F-keys); FiveM keeps a player's own binding once they have one.
 */
import { t } from '../locale';

/** Each action's command, default key and the locale key of its description in the key settings. */
export const KEYS = {
  respond: {
    command: 'cadalerts_respond',
    key: 'HOME',
    description: 'keys.respond',
  },
  previous: { command: 'cadalerts_previous', key: 'PAGEUP', description: 'keys.previous' },
  next: { command: 'cadalerts_next', key: 'PAGEDOWN', description: 'keys.next' },
  acknowledge: {
    command: 'cadalerts_acknowledge',
    key: 'END',
    description: 'keys.acknowledge',
  },
} as const;

export type KeyAction = keyof typeof KEYS;

/** The bit FiveM sets on a command's hash to name its key mapping as a control. */
const MAPPED_COMMAND = 0x80000000;

function bound(action: KeyAction): string {
  const { command, key } = KEYS[action];
  // "t_HOME": the key as text; anything else (a button icon) reads as the default.
  const label = GetControlInstructionalButton(0, GetHashKey(command) | MAPPED_COMMAND, true);
  return typeof label === 'string' && label.startsWith('t_') ? label.slice(2) : key;
}

export function keyLabels(): Record<KeyAction, string> {
  return {
    respond: bound('respond'),
    previous: bound('previous'),
    next: bound('next'),
    acknowledge: bound('acknowledge'),
  };
}

export function registerKeys(act: (action: KeyAction) => void): void {
  for (const action of Object.keys(KEYS) as KeyAction[]) {
    const { command, key, description } = KEYS[action];
    RegisterCommand(command, () => act(action), false);
    RegisterKeyMapping(command, t(description), 'keyboard', key);
  }
}
