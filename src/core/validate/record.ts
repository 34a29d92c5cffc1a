/**
 * Objects read as one zod step. zod/mini parses an object by running a schema node per field (an
 * optional wrapper, a transform, a result object and an issue list each), which made validating a unit
 * cost more than parsing its JSON. A record reads every field in one loop instead, calling the
 * field's conversion directly; it accepts and rejects exactly what the zod object would, with the same
 * issues at the same paths, so the reasons in replies do not change.
 */
import * as z from 'zod/mini';
import { isPlainObject } from '../json';

type Issue = z.core.$ZodRawIssue;
type Path = readonly PropertyKey[];

/**
 * Reads one value. Pushes an issue (at `path`, then `key` when given) and returns undefined when the value
 * does not fit.
 */
export type Reader = (value: unknown, issues: Issue[], path: Path, key?: PropertyKey) => unknown;

export const at = (path: Path, key: PropertyKey | undefined): PropertyKey[] =>
  key === undefined ? [...path] : [...path, key];

/** Schemas made by fromReader, by reader: a record calls these directly. */
const readers = new WeakMap<z.core.$ZodType, Reader>();

/** A zod schema that reads with `read`; records that hold it call `read` without the zod step. */
export function fromReader<Out>(read: Reader) {
  const schema = z.transform((value: unknown, payload) => {
    const before = payload.issues.length;
    const out = read(value, payload.issues, []);
    return payload.issues.length > before ? z.NEVER : (out as Out);
  });
  readers.set(schema, read);
  return schema;
}

/** Any other schema runs through zod itself, its issues moved under the field's path. */
function viaZod(schema: z.core.$ZodType): Reader {
  return (value, issues, path, key) => {
    const result = z.safeParse(schema, value);
    if (result.success) return result.data;
    const prefix = at(path, key);
    for (const issue of result.error.issues)
      issues.push({ ...issue, input: issue.input, path: [...prefix, ...issue.path] } as Issue);
    return undefined;
  };
}

interface FieldPlan {
  key: string;
  read: Reader;
  /** Absent keys are left out (zod's optional-out), not read as undefined. */
  skipAbsent: boolean;
}

/**
 * The direct reader for `schema`, when it has one or is built from ones that do: z.optional() lets
 * undefined through as zod's does, and z.array() reads each element, issues under its index.
 */
export function readerOf(schema: z.core.$ZodType): Reader | undefined {
  const own = readers.get(schema);
  if (own) return own;
  const def = schema._zod.def;
  // Checks (a minimum length…) run in zod's own parse only.
  if (def.checks?.length) return undefined;
  if (def.type === 'optional') {
    const inner = readerOf((def as z.core.$ZodOptionalDef).innerType);
    if (!inner) return undefined;
    return (value, issues, path, key) => (value === undefined ? undefined : inner(value, issues, path, key));
  }
  if (def.type === 'array') {
    const element = readerOf((def as z.core.$ZodArrayDef).element);
    if (!element) return undefined;
    return (value, issues, path, key) => {
      if (!Array.isArray(value)) {
        issues.push({ code: 'invalid_type', expected: 'array', input: value, path: at(path, key) });
        return undefined;
      }
      const inner = at(path, key);
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = element(value[i], issues, inner, i);
      return out;
    };
  }
  return undefined;
}

function plan(shape: Record<string, z.core.$ZodType>): FieldPlan[] {
  return Object.entries(shape).map(([key, schema]) => ({
    key,
    read: readerOf(schema) ?? viaZod(schema),
    skipAbsent: schema._zod.optout === 'optional',
  }));
}

/** Reads the fields in declaration order, so issues come in the order zod's object gives them. */
function orderedReader(fields: FieldPlan[], loose: boolean): Reader {
  return (value, issues, path, key) => {
    if (!isPlainObject(value)) {
      issues.push({ code: 'invalid_type', expected: 'object', input: value, path: at(path, key) });
      return undefined;
    }
    const inner = key === undefined ? path : [...path, key];
    // Loose: a copy of what was sent (V8 clones an object in one step), with the few values a
    // conversion changed written over it. Strict: only the known fields, one by one.
    const out: Record<string, unknown> = loose ? { ...value } : {};
    for (const field of fields) {
      const sent = value[field.key];
      const present = sent !== undefined || field.key in value;
      if (!present && field.skipAbsent) continue;
      const read = field.read(sent, issues, inner, field.key);
      if (loose ? read !== sent : present || read !== undefined) out[field.key] = read;
    }
    return out;
  };
}

/**
 * Loose records walk the keys that were sent (for…in reads each value through V8's enumeration cache,
 * where looking fields up by a variable name is a slow keyed load) and find each one's field by name.
 * Anything wrong, and the ordered reader reads it again, so the issues are zod's, in zod's order.
 */
function looseReader(fields: FieldPlan[]): Reader {
  const ordered = orderedReader(fields, true);
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const required = fields.filter((field) => !field.skipAbsent).length;
  return (value, issues, path, key) => {
    if (!isPlainObject(value)) return ordered(value, issues, path, key);
    const before = issues.length;
    const inner = key === undefined ? path : [...path, key];
    const out: Record<string, unknown> = { ...value };
    let requiredSent = 0;
    for (const name in value) {
      const field = byKey.get(name);
      if (field === undefined) continue;
      if (!field.skipAbsent) requiredSent += 1;
      const sent = value[name];
      const read = field.read(sent, issues, inner, name);
      if (read !== sent) out[name] = read;
    }
    if (issues.length === before && requiredSent === required) return out;
    issues.length = before;
    return ordered(value, issues, path, key);
  };
}

function reader(shape: Record<string, z.core.$ZodType>, loose: boolean): Reader {
  const fields = plan(shape);
  return loose ? looseReader(fields) : orderedReader(fields, false);
}

/** Like `z.object(shape)`: unknown fields are dropped. */
export function record<S extends Record<string, z.core.$ZodType>>(shape: S) {
  return fromReader<z.output<z.ZodMiniObject<S, z.core.$strip>>>(reader(shape, false));
}

/** Like `z.looseObject(shape)`: unknown fields pass through as received. */
export function looseRecord<S extends Record<string, z.core.$ZodType>>(shape: S) {
  return fromReader<z.output<z.ZodMiniObject<S, z.core.$loose>>>(reader(shape, true));
}

/**
 * Parses with `schema`, then reshapes what it gave (classic zod's `.transform`). A record and its
 * reshaping read in one step, with no zod pipe between them; issues `fn` raises land under the same path.
 */
export function reshape<S extends z.ZodMiniType, O>(
  schema: S,
  fn: (data: z.output<S>, ctx: z.core.ParsePayload) => O,
) {
  const read = readerOf(schema);
  if (!read) return z.pipe(schema, z.transform(fn));
  // One payload for every call: `fn` runs after the nested reads, so no other call is using it then.
  const payload = { value: undefined as unknown, issues: [] as Issue[] };
  return fromReader<O>((value, issues, path, key) => {
    const before = issues.length;
    const data = read(value, issues, path, key);
    if (issues.length > before) return undefined;
    payload.value = data;
    const out = fn(data as z.output<S>, payload as z.core.ParsePayload);
    if (payload.issues.length === 0) return out;
    const prefix = at(path, key);
    for (const issue of payload.issues) issues.push({ ...issue, path: [...prefix, ...(issue.path ?? [])] });
    payload.issues = [];
    return undefined;
  });
}
