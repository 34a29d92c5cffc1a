/** Players who muted alerts for themselves with the mute command, until they do it again or leave. */
import { NetEvents } from '../../shared/events';
import type { Runtime } from '../runtime';

const TITLE = 'CAD alerts';

export class MuteList {
  private readonly muted = new Set<number>();
  /** Bumped on every change, so sets built from this list know when to be rebuilt. */
  version = 0;

  has(player: number): boolean {
    return this.muted.has(player);
  }

  set(player: number, muted: boolean): void {
    if (muted) this.muted.add(player);
    else this.muted.delete(player);
    this.version += 1;
  }

  forget(player: number): void {
    if (this.muted.delete(player)) this.version += 1;
  }
}

/** `/<name> off|on`; without an argument it says which it is. */
export function registerMuteCommand(runtime: Runtime, name: string, mutes: MuteList): void {
  runtime.registerCommand(name, (player, args) => {
    const reply = (line: string) => {
      if (player === 0) runtime.print(`${TITLE}: ${line}`);
      else runtime.emitNet(NetEvents.ChatMessage, player, { args: [TITLE, line] });
    };
    if (player === 0) return reply(`/${name} is for players: it mutes alerts for whoever types it.`);
    const choice = args[0]?.toLowerCase();
    if (choice === 'off' || choice === 'on') mutes.set(player, choice === 'off');
    else if (choice !== undefined) return reply(`Usage: /${name} off|on`);
    reply(mutes.has(player) ? `Muted. /${name} on brings them back.` : `On. /${name} off mutes them.`);
  });
}
