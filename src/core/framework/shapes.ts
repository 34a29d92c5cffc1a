/**
 * What the frameworks hand over, checked before it is believed: server ids (a number from Lua, a
 * numeric string from some JS callers), job tables, and the lists their bulk exports return (a Lua
 * table keyed by server id crosses as an array or as an object).
 */
import * as z from 'zod/mini';
import { isPlainObject } from '../json';
import { normalName } from '../text';
import type { FrameworkJob } from './jobs';

const SERVER_ID = /^\d{1,10}$/;

export function playerIdOf(value: unknown): number | null {
  const id = typeof value === 'string' && SERVER_ID.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}

const optionalText = () => z.optional(z.nullable(z.string()));
const optionalFlag = () => z.optional(z.nullable(z.boolean()));

/** QBCore's and Qbox's `PlayerData.job`. */
const QbJobSchema = z.looseObject({ name: z.string(), type: optionalText(), onduty: optionalFlag() });
/** ESX's `xPlayer.job`: `onDuty` since 1.11. */
const EsxJobSchema = z.looseObject({ name: z.string(), type: optionalText(), onDuty: optionalFlag() });

function job(name: string, type: string | null | undefined, onDuty: boolean | null): FrameworkJob {
  return { name: normalName(name), type: normalName(type ?? ''), onDuty };
}

/** QBCore always sends `onduty`; a job without one counts as off duty. */
export function qbJob(value: unknown): FrameworkJob | null {
  const parsed = QbJobSchema.safeParse(value);
  return parsed.success ? job(parsed.data.name, parsed.data.type, parsed.data.onduty ?? false) : null;
}

/** Before 1.11 an ESX job has no `onDuty`: then the framework has no duty. */
export function esxJob(value: unknown): FrameworkJob | null {
  const parsed = EsxJobSchema.safeParse(value);
  return parsed.success ? job(parsed.data.name, parsed.data.type, parsed.data.onDuty ?? null) : null;
}

/** An ox_core group name as the player's job; ox_core has no duty. */
export function oxJob(group: unknown, typeOf: (name: string) => string): FrameworkJob | null {
  if (typeof group !== 'string' || group.trim() === '') return null;
  return job(group, typeOf(normalName(group)), null);
}

/** The entries of a list a framework returned, whichever way it crossed; nothing for anything else. */
export function entriesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isPlainObject(value) ? Object.values(value) : [];
}

/** A field of an object a framework returned, or undefined. */
export function field(value: unknown, name: string): unknown {
  return isPlainObject(value) ? value[name] : undefined;
}
