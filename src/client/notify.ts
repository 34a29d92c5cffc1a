/** Feed notifications (the ticker above the minimap). */
import { components } from './sanitise';

/** A text label of ten `~a~` slots: "STRING" has one, so it would show only the first 99 bytes. */
const MULTI_COMPONENT_LABEL = 'CELL_EMAIL_BCON';
const MAX_COMPONENTS = 10;

/** `parts` are clean text and our own codes; returns the feed item, for removeNotice. */
export function notify(parts: string[], important: boolean): number {
  BeginTextCommandThefeedPost(MULTI_COMPONENT_LABEL);
  const pieces = parts.flatMap(components).slice(0, MAX_COMPONENTS);
  for (const piece of pieces) AddTextComponentSubstringPlayerName(piece);
  return EndTextCommandThefeedPostTicker(important, true);
}

export function removeNotice(notice: number): void {
  ThefeedRemoveItem(notice);
}
