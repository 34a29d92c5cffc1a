/**
 * The logged-in units by what tones, pages and station alerts address them by (department, subdivision,
 * agency, group, unit number), matched case-insensitively. Rebuilt from the unit cache on the first look
 * after a unit push, so one alert costs in proportion to the units it reaches, not to every unit.
 */
import type { UnitCache } from '../../cache/units';
import { normalName } from '../../text';
import type { Unit } from '../../validate/unit-schema';

export type UnitField = 'agency' | 'department' | 'subdivision' | 'group' | 'unitNum';

const FIELDS: readonly UnitField[] = ['agency', 'department', 'subdivision', 'group', 'unitNum'];
const NONE: readonly number[] = [];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The CAD's agency where the data has one (not a documented unit field), else the unit's district. */
function fieldOf(unit: Unit, field: UnitField): string | undefined {
  const { data } = unit;
  if (field === 'agency') return text(data.agency) ?? text(data.district);
  return text(data[field]);
}

export class UnitIndex {
  private stale = true;
  private ids: readonly number[] = NONE;
  private readonly byField = new Map<UnitField, Map<string, number[]>>();

  constructor(private readonly units: UnitCache) {}

  /** After any push that logs a unit in or out or changes one. */
  changed(): void {
    this.stale = true;
  }

  /** Every logged-in unit. */
  all(): readonly number[] {
    this.refresh();
    return this.ids;
  }

  find(field: UnitField, value: string): readonly number[] {
    this.refresh();
    return this.byField.get(field)?.get(normalName(value)) ?? NONE;
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    const units = this.units.all();
    this.ids = units.map((unit) => unit.id);
    for (const field of FIELDS) {
      const index = new Map<string, number[]>();
      for (const unit of units) {
        const value = fieldOf(unit, field);
        if (value === undefined) continue;
        const key = normalName(value);
        const list = index.get(key);
        if (list) list.push(unit.id);
        else index.set(key, [unit.id]);
      }
      this.byField.set(field, index);
    }
  }
}
