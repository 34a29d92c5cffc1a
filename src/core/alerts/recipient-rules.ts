/**
 * One alert kind's `recipients` list, read once into lookups: which words it holds, per CAD unit field
 * the names it accepts, and the framework job names and types with whether they ask for duty; all
 * lower-cased, as spellings vary between the CAD, the framework and config.json.
 */
import { normalName } from '../text';
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
  /** Job name → whether only players on duty count; two rules naming it: duty only if both ask. */
  jobNames: ReadonlyMap<string, boolean>;
  jobTypes: ReadonlyMap<string, boolean>;
}

/** Every job type some kind's rules name, and whether any job rule asks for duty. */
export function jobRulesOf(kinds: readonly RuleSet[]): { types: string[]; dutyAsked: boolean; any: boolean } {
  const types = new Set<string>();
  let dutyAsked = false;
  let any = false;
  for (const kind of kinds) {
    for (const type of kind.jobTypes.keys()) types.add(type);
    for (const needsDuty of [...kind.jobNames.values(), ...kind.jobTypes.values()]) {
      any = true;
      dutyAsked ||= needsDuty;
    }
  }
  return { types: [...types], dutyAsked, any };
}

function unitFieldOf(rule: RecipientRule): UnitField | null {
  if (typeof rule === 'string') return null;
  return UNIT_FIELDS.find((field) => field in rule) ?? null;
}

/** Rules that pick players by their CAD unit: a dispatcher online quiets them for 911 calls. */
export function isUnitRule(rule: RecipientRule): boolean {
  return rule === 'onDuty' || unitFieldOf(rule) !== null;
}

function addJobs(into: Map<string, boolean>, names: readonly string[], duty: boolean): void {
  for (const name of names) {
    const key = normalName(name);
    into.set(key, duty && (into.get(key) ?? true));
  }
}

export function compileRules(rules: readonly RecipientRule[]): RuleSet {
  const unit = new Map<UnitField, Set<string>>();
  const jobNames = new Map<string, boolean>();
  const jobTypes = new Map<string, boolean>();
  for (const rule of rules) {
    if (typeof rule === 'string') continue;
    if ('job' in rule) addJobs(jobNames, rule.job, rule.duty);
    if ('jobType' in rule) addJobs(jobTypes, rule.jobType, rule.duty);
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
    jobNames,
    jobTypes,
  };
}

export function unitMatches(rules: RuleSet, fields: UnitFields): boolean {
  for (const [field, accepted] of rules.unit) if (accepted.has(fields[field])) return true;
  return false;
}
