/** Panic alerts: a notice, an alarm, a flashing blip that follows the unit, gone when cleared or expired. */
import type { PanicAlert, PanicCleared, PanicMoved, PanicUnit } from '../shared/alert-payloads';
import { ActiveAlerts } from './active-alerts';
import { postChat } from './chat';
import { notify } from './notify';
import { cleanText } from './sanitise';
import { playSound } from './sound';

const NAME_CHARS = 80;
const panics = new ActiveAlerts();

function unitLabel(identId: number, unit: PanicUnit): string {
  if (!unit) return `Unit #${identId}`;
  const who = cleanText(`${unit.unitNum} ${unit.name}`, NAME_CHARS) || `Unit #${identId}`;
  const department = cleanText(unit.department, NAME_CHARS);
  return department ? `${who} (${department})` : who;
}

export function showPanic(alert: PanicAlert): void {
  const label = unitLabel(alert.identId, alert.unit);
  const where = alert.position ? 'Their position is marked on your map.' : 'Their position is unknown.';
  const notice = notify(['~r~PANIC BUTTON~s~~n~', label, `~n~${where}`], true);
  if (alert.look.sound) playSound(alert.look.sound);
  if (alert.look.chat) postChat('^1PANIC', `${label}. ${where}`);
  panics.show(alert.identId, notice, alert.position, alert.look, `PANIC: ${label}`);
}

export function movePanics(moved: PanicMoved): void {
  for (const move of moved.moves) panics.move(move.identId, move.position);
}

export function clearPanic(cleared: PanicCleared): void {
  panics.remove(cleared.identId);
  if (!cleared.notice) return;
  const label = unitLabel(cleared.identId, cleared.unit);
  notify(['~g~Panic cleared~s~ ', label], false);
  if (cleared.chat) postChat('^2PANIC CLEARED', label);
}
