/** Panic alerts: a notice, an alarm, a flashing blip that follows the unit, gone when cleared or expired. */
import type { PanicAlert, PanicCleared, PanicMoved, PanicUnit } from '../shared/alert-payloads';
import { ActiveAlerts } from './active-alerts';
import { t } from './locale';
import { present } from './notify/present';
import { EMPTY_CARD } from './nui/cards';
import { cleanText } from './sanitise';

const NAME_CHARS = 80;
const panics = new ActiveAlerts('panic');

function unitLabel(identId: number, unit: PanicUnit): string {
  if (!unit) return t('panic.unit', identId);
  const who = cleanText(`${unit.unitNum} ${unit.name}`, NAME_CHARS) || t('panic.unit', identId);
  const department = cleanText(unit.department, NAME_CHARS);
  return department ? `${who} (${department})` : who;
}

export function showPanic(alert: PanicAlert): void {
  const label = unitLabel(alert.identId, alert.unit);
  const where = t(alert.position ? 'panic.positionMarked' : 'panic.positionUnknown');
  const shown = present(
    {
      kind: 'panic',
      code: t('panic.code'),
      title: t('panic.title'),
      lines: [label, where],
      position: alert.position,
      callId: null,
      style: 'emergency',
    },
    alert.look,
    alert.raiser,
    {
      ...EMPTY_CARD,
      key: panics.key(alert.identId),
      kind: 'panic',
      code: t('panic.code'),
      title: label,
      description: where,
    },
  );
  panics.show(alert.identId, {
    feedItem: shown.feedItem,
    at: alert.position,
    look: alert.look,
    name: t('panic.blip', label),
    callId: null,
    blip: !shown.ownBlip,
  });
}

export function movePanics(moved: PanicMoved): void {
  for (const move of moved.moves) panics.move(move.identId, move.position);
}

export function clearPanic(cleared: PanicCleared): void {
  panics.remove(cleared.identId, cleared.notice);
  if (!cleared.notice) return;
  present(
    {
      kind: 'panicCleared',
      code: t('panic.code'),
      title: t('panic.cleared'),
      lines: [unitLabel(cleared.identId, cleared.unit)],
      position: null,
      callId: null,
      style: 'success',
    },
    cleared,
  );
}
