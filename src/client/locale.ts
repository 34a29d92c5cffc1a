/**
 * The player's texts on this client: the locale the server owner chose (`setr sonorancad:locale` or
 * `setr ox:locale`), read once at start from the resource's locale files, English where they lack a key.
 */
import { loadLocale, localeCode, translator } from '../shared/locale';

const resource = GetCurrentResourceName();

export const dictionary = loadLocale(
  localeCode((name) => GetConvar(name, '') || undefined),
  (path) => LoadResourceFile(resource, path) ?? null,
  (line) => console.warn(`[sonorancad] ${line}`),
);

export const t = translator(dictionary);
