/** The player's card settings in this resource's KVP on their machine: they outlive a restart of the page or game. */
import { DEFAULT_SETTINGS, type PlayerSettings, PlayerSettingsSchema } from '../../shared/nui-settings';

const KVP_KEY = 'alerts:settings';

let settings: PlayerSettings | null = null;

export function playerSettings(): PlayerSettings {
  if (settings) return settings;
  const saved = GetResourceKvpString(KVP_KEY);
  let parsed: unknown = {};
  try {
    parsed = saved ? JSON.parse(saved) : {};
  } catch {
    console.warn('[sonorancad] The saved alert settings are not JSON; using the defaults.');
  }
  const checked = PlayerSettingsSchema.safeParse(parsed);
  settings = checked.success ? checked.data : DEFAULT_SETTINGS;
  return settings;
}

export function saveSettings(next: PlayerSettings): void {
  settings = next;
  SetResourceKvp(KVP_KEY, JSON.stringify(next));
}
