/**
 * The players' mute command, `/<name> off|on`; without an argument it says which it is and opens the
 * player's card settings.
 */

import type { UiStyle } from '../../shared/alert-payloads';
import { NetEvents } from '../../shared/events';
import type { Translate } from '../../shared/locale';
import type { MuteList } from '../alerts/mute-list';
import type { Runtime } from '../runtime';
import { replyTo } from './router';

/** The console's title; players read theirs in their language. */
const TITLE = 'CAD alerts';

/** `ui`: what the card settings need to know of the config. */
export function registerMuteCommand(
  runtime: Runtime,
  name: string,
  mutes: MuteList,
  t: Translate,
  ui: UiStyle,
): void {
  runtime.registerCommand(name, (player, args) => {
    if (player === 0) {
      runtime.print(`${TITLE}: /${name} is for players: it mutes alerts for whoever types it.`);
      return;
    }
    const reply = replyTo(runtime, player, t('alerts.title'), () => {});
    const choice = args[0]?.toLowerCase();
    if (choice === 'off' || choice === 'on') mutes.set(player, choice === 'off');
    else if (choice !== undefined) return reply(t('mute.usage', name));
    else runtime.emitNet(NetEvents.OpenSettings, player, { ui });
    reply(mutes.has(player) ? t('mute.muted', name) : t('mute.on', name));
  });
}
