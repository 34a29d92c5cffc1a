/**
 * What the page needs from the server's config (the card cap, whether do-not-disturb silences panics),
 * as the latest alert brought it, and the keys as the player bound them.
 */
import type { UiStyle } from '../../shared/alert-payloads';
import type { PageConfig } from '../../shared/nui-messages';
import { keyLabels } from './keys';

let ui: UiStyle = { maxCards: 4, panicMutable: false, repeatSeconds: 10 };
let sent: string | null = null;

export function uiStyle(): UiStyle {
  return ui;
}

export function pageConfig(): PageConfig {
  return { maxCards: ui.maxCards, panicMutable: ui.panicMutable, keys: keyLabels() };
}

/** `tell` sends a changed config on to the page. */
export function rememberUi(next: UiStyle, tell: (config: PageConfig) => void): void {
  ui = next;
  const config = pageConfig();
  const text = JSON.stringify(config);
  if (text === sent) return;
  sent = text;
  tell(config);
}

/** What the page was told with its ready answer. */
export function markSent(config: PageConfig): PageConfig {
  sent = JSON.stringify(config);
  return config;
}
