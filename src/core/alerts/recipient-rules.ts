/**
 * One alert kind's `recipients` list, read once into lookups: which words it holds, and per CAD unit
 * field the names it accepts, lower-cased, as the CAD's own spelling of a department varies.
 */
import type { RecipientRule } from './config';

/** The CAD unit fields a rule can name. */
export const UNIT_FIELDS = ['department', 'subdivision', 'group'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

/** A mapped unit's fields, lower-cased; empty when the CAD did not send one. */
export type UnitFields = Readonly<Record<UnitField, string>>;

export interface RuleSet {
  everyone: boolean;
  onDuty: boolean;
  ace: boolean;
  /** Per field, the accepted values; a field no rule names is absent. */
  unit: ReadonlyMap<UnitField, ReadonlySet<string>>;
}

export const normalName = (name: string): string => name.trim().toLowerCase();

function unitFieldOf(rule: RecipientRule): UnitField | null {
  if (typeof rule === 'string') return null;
  return UNIT_FIELDS.find((field) => field in rule) ?? null;
}

/** Rules that pick players by their CAD unit: a dispatcher online quiets them for 911 calls. */
export function isUnitRule(rule: RecipientRule): boolean {
  return rule === 'onDuty' || unitFieldOf(rule) !== null;
}

export function compileRules(rules: readonly RecipientRule[]): RuleSet {
  const unit = new Map<UnitField, Set<string>>();
  for (const rule of rules) {
    const field = unitFieldOf(rule);
    if (field === null) continue;
    const accepted = unit.get(field) ?? new Set<string>();
    for (const name of (rule as Record<UnitField, string[]>)[field]) accepted.add(normalName(name));
    unit.set(field, accepted);
  }
  return {
    everyone: rules.includes('everyone'),
    onDuty: rules.includes('onDuty'),
    ace: rules.includes('ace'),
    unit,
  };
}

export function unitMatches(rules: RuleSet, fields: UnitFields): boolean {
  for (const [field, accepted] of rules.unit) if (accepted.has(fields[field])) return true;
  return false;
}
