/**
 * Field schemas shared by the event schemas. Each is one function call per value (no unions, no pipes),
 * built once at load, and lenient where the CAD has been loose: numeric strings for documented integers,
 * null for absent optional values, a number where a label is documented as text.
 */
import { z } from 'zod';
import { isPlainObject } from '../json';

const INTEGER = /^-?\d{1,15}$/;

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && INTEGER.test(value)) return Number(value);
  return undefined;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Copies only when an element needs converting, so the common case allocates nothing. */
function mapAll<T>(list: unknown[], convert: (value: unknown) => T | undefined): T[] | undefined {
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const converted = convert(item);
    if (converted === undefined) return undefined;
    if (out) {
      out.push(converted);
    } else if (converted !== item) {
      out = list.slice(0, i) as T[];
      out.push(converted);
    }
  }
  return out ?? (list as T[]);
}

/** A required value: `convert` returns undefined when the value does not fit, and the issue says what was expected. */
function required<T>(convert: (value: unknown) => T | undefined, expected: string) {
  return z.transform((value: unknown, ctx) => {
    const out = convert(value);
    if (out === undefined) {
      ctx.issues.push({ code: 'custom', message: `expected ${expected}`, input: value });
      return z.NEVER;
    }
    return out;
  });
}

/** An optional value: absent and null both read as absent. */
function optional<T>(convert: (value: unknown) => T | undefined, expected: string) {
  return z
    .transform((value: unknown, ctx) => {
      if (value === null || value === undefined) return undefined;
      const out = convert(value);
      if (out === undefined)
        ctx.issues.push({ code: 'custom', message: `expected ${expected}`, input: value });
      return out;
    })
    .optional();
}

const toBool = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
const toNumber = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const toObject = (value: unknown) => (isPlainObject(value) ? value : undefined);
const toIntList = (value: unknown) => (Array.isArray(value) ? mapAll(value, toInt) : undefined);
const toTextList = (value: unknown) => (Array.isArray(value) ? mapAll(value, toText) : undefined);
const toIntOrList = (value: unknown) => {
  const one = toInt(value);
  return one === undefined ? toIntList(value) : [one];
};
const toKey = (value: unknown) => (typeof value === 'string' ? value : toInt(value));

export const int = required(toInt, 'a number');
export const optInt = optional(toInt, 'a number');
export const num = required(toNumber, 'a number');
export const optNum = optional(toNumber, 'a number');
export const bool = required(toBool, 'a boolean');
export const optBool = optional(toBool, 'a boolean');
export const text = required(toText, 'a string');
export const optText = optional(toText, 'a string');
export const nonEmptyText = required((value) => {
  const out = toText(value);
  return out === '' ? undefined : out;
}, 'a non-empty string');
/** Opaque JSON objects (metadata, callouts): checked to be objects, kept as received. */
export const optObject = optional(toObject, 'an object');
export const object = required(toObject, 'an object');
export const optIntList = optional(toIntList, 'an array of numbers');
/** `identIds: 12` as the docs draw it, or an array. */
export const optIntOrList = optional(toIntOrList, 'a number or an array of numbers');
export const optTextList = optional(toTextList, 'an array of strings');
/** Ids that are a number in one place and a sync key string in another. */
export const idOrSyncKey = required(toKey, 'a number or a string');
