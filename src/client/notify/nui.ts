/**
 * Our own cards (src/nui): an alert with a card becomes one, any other notice a toast. Held until the
 * page is ready; the GTA feed when it never was. Do-not-disturb keeps both off the screen, but for a
 * panic unless the server lets it be muted.
 */
import type { AlertStyle } from '../../shared/alert-payloads';
import { pageState, post } from '../nui/bridge';
import { type CardContent, showCard } from '../nui/cards';
import { rememberUi } from '../nui/page-config';
import { playerSettings } from '../nui/settings';
import { showInFeed } from './feed';
import type { Notice } from './notice';

/** False when the page is unavailable and nothing was shown. */
export function showWithNui(notice: Notice, card: CardContent | null, look: AlertStyle | null): boolean {
  // Before the page is ready, its ready answer carries the config.
  if (look) rememberUi(look.ui, (config) => pageState() === 'ready' && post({ type: 'config', config }));
  const { doNotDisturb } = playerSettings();
  const fallback = () => {
    showInFeed(notice);
  };
  if (card) {
    if (doNotDisturb && (card.kind !== 'panic' || look?.ui.panicMutable)) return true;
    return showCard(card, look?.sound !== null && look !== null, fallback);
  }
  if (doNotDisturb) return true;
  const toast = { style: notice.style, title: notice.title, text: notice.lines.join(' · ') };
  return post({ type: 'toast', toast }, fallback);
}
