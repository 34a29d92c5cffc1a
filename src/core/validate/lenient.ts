/**
 * Field schemas shared by the event schemas. Each is one function call per value (no unions, no pipes),
 * built once at load, and lenient where the CAD has been loose: numeric strings for documented integers,
 * null for absent optional values, a number where a label is documented as text.
 */
import * as z from 'zod/mini';
import { isPlainObject } from '../json';
import { at, fromReader, type Reader } from './record';

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

/** `convert` returns undefined when the value does not fit, and the issue says what was expected. */
function reading<T>(convert: (value: unknown) => T | undefined, expected: string): Reader {
  return (value, issues, path, key) => {
    const out = convert(value);
    if (out === undefined)
      issues.push({ code: 'custom', message: `expected ${expected}`, input: value, path: at(path, key) });
    return out;
  };
}

function required<T>(convert: (value: unknown) => T | undefined, expected: string) {
  return fromReader<T>(reading(convert, expected));
}

/** An optional value: absent and null both read as absent. */
function optional<T>(convert: (value: unknown) => T | undefined, expected: string) {
  const read = reading(convert, expected);
  return z.optional(
    fromReader<T | undefined>((value, issues, path, key) =>
      value === null || value === undefined ? undefined : read(value, issues, path, key),
    ),
  );
}

/** Turns the raw value into what `schema` reads (classic zod's `z.preprocess`). */
export function preprocess<S extends z.ZodMiniType>(fn: (value: unknown) => unknown, schema: S) {
  return z.pipe(z.transform(fn), schema);
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
