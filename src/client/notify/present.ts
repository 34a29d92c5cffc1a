/**
 * Shows a notice through the server's chosen provider, also in chat when asked, with the alert's sound
 * unless the provider plays its own.
 */
import type { AlertStyle, NotifyProvider } from '../../shared/alert-payloads';
import type { CardContent } from '../nui/cards';
import { playSound } from '../sound';
import { postToChat } from './chat';
import { fallBackOnce, type Provider, providerFor } from './choose';
import { raiseNoticeEvent } from './event';
import { showInFeed } from './feed';
import type { Notice } from './notice';
import { showWithNui } from './nui';
import { showWithOxLib } from './ox-lib';
import { raiseInPsDispatch } from './ps-dispatch';

export type NoticeSettings = Pick<AlertStyle, 'chat' | 'notify'>;

export interface Presented {
  /** Only feed items can be taken back. */
  feedItem: number | null;
  /** The provider drew its own blip: draw none. */
  ownBlip: boolean;
}

/** For notices no payload brought (route messages): the last choice the server sent. */
let lastChoice: NotifyProvider = 'auto';

function deliver(
  provider: Provider,
  notice: Notice,
  look: AlertStyle | null,
  card: CardContent | null,
): number | null {
  switch (provider) {
    case 'feed':
      return showInFeed(notice);
    case 'nui':
      return showWithNui(notice, card, look) ? null : showInFeed(notice);
    case 'ox_lib':
      showWithOxLib(notice);
      return null;
    case 'chat':
      postToChat(notice);
      return null;
    case 'event':
      raiseNoticeEvent(notice);
      return null;
    case 'ps-dispatch':
      // providerFor picks it only for alerts with a position, and those carry a look.
      raiseInPsDispatch(notice, notice.position!, look!);
      return null;
  }
}

/**
 * `settings` is the alert's look when it has one (sound, blip). `raiser`: this client raises the alert in
 * ps-dispatch; any other recipient gets it from ps-dispatch itself, so shows nothing here. `card`: what
 * the alert's card shows with the "nui" provider; without one, a notice is a toast there.
 */
export function present(
  notice: Notice,
  settings: NoticeSettings | AlertStyle,
  raiser = true,
  card: CardContent | null = null,
): Presented {
  const choice = settings.notify;
  lastChoice = choice;
  const look = 'blip' in settings ? settings : null;
  let provider = providerFor(choice, notice);
  let feedItem: number | null = null;
  if (provider !== 'ps-dispatch' || raiser) {
    try {
      feedItem = deliver(provider, notice, look, card);
    } catch (error) {
      fallBackOnce(provider, `its call failed (${error instanceof Error ? error.message : String(error)})`);
      provider = 'feed';
      feedItem = showInFeed(notice);
    }
  }
  if (settings.chat && provider !== 'chat') postToChat(notice);
  const ownBlip = provider === 'ps-dispatch';
  // The page plays its own sounds, at the player's volume.
  if (look?.sound && !ownBlip && provider !== 'nui') playSound(look.sound);
  return { feedItem, ownBlip };
}

/** A short message of our own, where the last alert went. */
export function say(notice: Notice): void {
  present(notice, { chat: false, notify: lastChoice });
}
