/**
 * The players' mute command, `/<name> off|on`; without an argument it says which it is and opens the
 * player's card settings.
 */
import { NetEvents } from '../../shared/events';
import type { MuteList } from '../alerts/mute-list';
import type { Runtime } from '../runtime';
import { replyTo } from './router';

const TITLE = 'CAD alerts';

export function registerMuteCommand(runtime: Runtime, name: string, mutes: MuteList): void {
  runtime.registerCommand(name, (player, args) => {
    const reply = replyTo(runtime, player, TITLE, (line) => runtime.print(`${TITLE}: ${line}`));
    if (player === 0) return reply(`/${name} is for players: it mutes alerts for whoever types it.`);
    const choice = args[0]?.toLowerCase();
    if (choice === 'off' || choice === 'on') mutes.set(player, choice === 'off');
    else if (choice !== undefined) return reply(`Usage: /${name} off|on`);
    else runtime.emitNet(NetEvents.OpenSettings, player, {});
    reply(mutes.has(player) ? `Muted. /${name} on brings them back.` : `On. /${name} off mutes them.`);
  });
}
