/** The GTA feed (the ticker above the minimap): the provider that is always there. */
import { components } from '../sanitise';
import type { Notice, NoticeStyle } from './notice';

/** A text label of ten `~a~` slots: "STRING" has one, so it would show only the first 99 bytes. */
const MULTI_COMPONENT_LABEL = 'CELL_EMAIL_BCON';
const MAX_COMPONENTS = 10;
const TITLE_COLOUR: Record<NoticeStyle, string> = {
  emergency: '~r~',
  warning: '~y~',
  info: '~b~',
  success: '~g~',
};

/** Returns the feed item, for removeFromFeed. */
export function showInFeed(notice: Notice): number {
  BeginTextCommandThefeedPost(MULTI_COMPONENT_LABEL);
  const parts = [
    `${TITLE_COLOUR[notice.style]}${notice.title}~s~`,
    ...notice.lines.map((line) => `~n~${line}`),
  ];
  for (const piece of parts.flatMap(components).slice(0, MAX_COMPONENTS)) {
    AddTextComponentSubstringPlayerName(piece);
  }
  return EndTextCommandThefeedPostTicker(notice.style === 'emergency', true);
}

export function removeFromFeed(item: number): void {
  ThefeedRemoveItem(item);
}
