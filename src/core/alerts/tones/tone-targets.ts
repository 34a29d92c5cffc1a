/**
 * Which logged-in units one `playTonesTo` target names. Types as the CAD documents them: 0 every unit,
 * 1 the units attached to a dispatch call, 2 agency, 3 department, 4 subdivision, 5 one unit (its
 * identifier id, or its unit number), 6 a unit group.
 */
import type { Translate } from '../../../shared/locale';
import type { CallCache } from '../../cache/calls';
import type { UnitCache } from '../../cache/units';
import type { UnitField, UnitIndex } from './unit-index';

export interface ToneTarget {
  type: number;
  value: string | number;
  label?: string | undefined;
}

const BY_FIELD: Partial<Record<number, UnitField>> = {
  2: 'agency',
  3: 'department',
  4: 'subdivision',
  6: 'group',
};
const ID = /^\s*\d{1,15}\s*$/;

function idOf(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return ID.test(value) ? Number(value) : null;
}

export interface TargetSources {
  index: UnitIndex;
  units: UnitCache;
  calls: CallCache;
}

/** The units' identifier ids; null for a target type this does not know. */
export function unitsOf(target: ToneTarget, sources: TargetSources): readonly number[] | null {
  const { type, value } = target;
  if (type === 0) return sources.index.all();
  if (type === 1) {
    const callId = idOf(value);
    return callId === null ? [] : (sources.calls.dispatch.get(callId)?.dispatch.idents ?? []);
  }
  if (type === 5) {
    const id = idOf(value);
    const byNumber = sources.index.find('unitNum', String(value));
    return id !== null && sources.units.get(id) ? [id, ...byNumber] : byNumber;
  }
  const field = BY_FIELD[type];
  return field ? sources.index.find(field, String(value)) : null;
}

/** What the card says when the CAD sent no label, in the players' language. */
export function defaultLabel(target: ToneTarget, t: Translate): string {
  switch (target.type) {
    case 0:
      return t('tone.allUnits');
    case 1:
      return t('tone.call', target.value);
    default:
      return String(target.value);
  }
}
