/**
 * The page's texts are the locale's `nui.*` keys (locales/en.json and its translations), without the
 * prefix. The page has no copy of its own: it gets them from the client in the answer to its `ready`
 * callback. `%s` is replaced by a number.
 */
import type { Dictionary, LocaleKey } from './locale';

const PREFIX = 'nui.';

export type NuiStringKey = LocaleKey extends infer K ? (K extends `nui.${infer Key}` ? Key : never) : never;
export type NuiStrings = Record<NuiStringKey, string>;

export function nuiStrings(dictionary: Dictionary): NuiStrings {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(dictionary)) {
    if (key.startsWith(PREFIX)) out[key.slice(PREFIX.length)] = text;
  }
  return out as NuiStrings;
}
