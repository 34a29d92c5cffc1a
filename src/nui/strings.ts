/** The client's dictionary, from the `ready` answer: the page spells no text of its own. */
import type { PageStrings } from '../shared/nui-messages';
import type { NuiStringKey } from '../shared/nui-strings';

let strings: Partial<PageStrings> = {};

export function useStrings(next: Record<string, string>): void {
  strings = next as Partial<PageStrings>;
}

/** A missing key shows as itself, so a gap in a locale is visible and costs nothing else. */
export function t(key: NuiStringKey, n?: number | string): string {
  const template = strings[key] ?? key;
  return n === undefined ? template : template.replace('%s', String(n));
}
