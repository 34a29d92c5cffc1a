/**
 * The configuration reference, rendered from the zod schema that validates config.json: one row per
 * setting, nested objects as dotted keys. `npm run docs` writes it; a test fails when the docs lag.
 */
import * as z from 'zod/mini';
import { ConfigSchema } from '../src/core/config/schema';

export const START = '<!-- config:start -->';
export const END = '<!-- config:end -->';
export const README = 'README.md';
export const PAGE = 'docs/configuration.md';
/** Sections too long for the README: each gets a table of its own on PAGE. */
const OWN_PAGE = ['alerts', 'forwarding'];

export interface Row {
  key: string;
  type: string;
  default: string;
  meaning: string;
}

/** What the wrappers around a setting say: its description, its default, whether it may be left out. */
type Schema = z.core.$ZodType;
const { $ZodArray, $ZodBoolean, $ZodDefault, $ZodEnum, $ZodNumber, $ZodObject, $ZodOptional, $ZodPipe } =
  z.core;
const { $ZodLazy, $ZodLiteral, $ZodPrefault, $ZodRecord, $ZodString, $ZodStringFormat, $ZodUnion } = z.core;

const descriptionOf = (schema: Schema) => z.globalRegistry.get(schema)?.description;

interface Unwrapped {
  schema: Schema;
  description: string | undefined;
  defaultValue?: unknown;
  optional: boolean;
}

function unwrap(outer: Schema): Unwrapped {
  let schema = outer;
  let description = descriptionOf(outer);
  let defaultValue: unknown;
  let hasDefault = false;
  let optional = false;
  for (;;) {
    if (schema instanceof $ZodDefault || schema instanceof $ZodPrefault) {
      if (!hasDefault) defaultValue = schema._zod.def.defaultValue;
      hasDefault = true;
      schema = schema._zod.def.innerType;
    } else if (schema instanceof $ZodOptional) {
      optional = true;
      schema = schema._zod.def.innerType;
    } else if (schema instanceof $ZodLazy) {
      // Built on first use (forwarding targets): the docs describe what it builds.
      schema = schema._zod.def.getter();
    } else if (schema instanceof $ZodPipe) {
      // A transform: the file holds what goes in.
      schema = schema._zod.def.in;
    } else break;
    description ??= descriptionOf(schema);
  }
  return { schema, description, optional, ...(hasDefault ? { defaultValue } : {}) };
}

interface Bound {
  value: number;
  inclusive: boolean;
}

/** "integer 1 to 60", "number > 0, ≤ 300", "integer ≥ 1". */
function numberType(schema: z.core.$ZodNumber): string {
  let low: Bound | undefined;
  let high: Bound | undefined;
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string } & Bound;
    if (def.check === 'greater_than') low = def;
    if (def.check === 'less_than') high = def;
  }
  const kind = (schema as z.core.$ZodNumberFormat)._zod.def.format === 'safeint' ? 'integer' : 'number';
  if (low?.inclusive && high?.inclusive) return `${kind} ${low.value} to ${high.value}`;
  const parts = [
    low && `${low.inclusive ? '≥' : '>'} ${low.value}`,
    high && `${high.inclusive ? '≤' : '<'} ${high.value}`,
  ].filter(Boolean);
  return parts.length ? `${kind} ${parts.join(', ')}` : kind;
}

/** A list entry: a word, or an object shown by its keys (`{"department": […]}`). */
function ruleText(schema: Schema): string {
  if (schema instanceof $ZodEnum) return typeOf(schema).slice('one of '.length);
  if (schema instanceof $ZodObject) {
    const keys = Object.keys(schema._zod.def.shape).map((key) => `"${key}": …`);
    return `\`{${keys.join(', ')}}\``;
  }
  return typeOf(schema);
}

function typeOf(schema: Schema): string {
  if (schema instanceof $ZodBoolean) return '`true` or `false`';
  if (schema instanceof $ZodLiteral) {
    const { values } = schema._zod.def;
    return values.length === 1 ? `\`${JSON.stringify(values[0])}\`` : 'literal';
  }
  if (schema instanceof $ZodUnion) return schema._zod.def.options.map(typeOf).join(' or ');
  if (schema instanceof $ZodNumber) return numberType(schema);
  if (schema instanceof $ZodEnum) {
    const options = Object.values(schema._zod.def.entries);
    return `one of ${options.map((o) => `\`"${String(o)}"\``).join(', ')}`;
  }
  if (schema instanceof $ZodStringFormat && schema._zod.def.format === 'url') return 'URL';
  if (schema instanceof $ZodString) return 'text';
  if (schema instanceof $ZodRecord) {
    const value = unwrap(schema._zod.def.valueType).schema;
    if (value instanceof $ZodObject) return 'object of objects, by name (fields below)';
    return `object of ${typeOf(value)} values`;
  }
  if (schema instanceof $ZodArray) {
    const element = unwrap(schema._zod.def.element).schema;
    if (element instanceof $ZodObject) return 'list of objects (fields below)';
    if (element instanceof $ZodEnum) return `list, any of ${typeOf(element).slice('one of '.length)}`;
    if (element instanceof $ZodUnion)
      return `list, any of ${element._zod.def.options.map(ruleText).join(', ')}`;
    return `list of ${typeOf(element)}`;
  }
  throw new Error(`config-docs: no wording for a ${schema._zod.def.type} setting`);
}

const KiB = 1024;

function defaultText(key: string, setting: Unwrapped): string {
  if (!('defaultValue' in setting)) return setting.optional ? 'none' : 'required';
  const value = setting.defaultValue;
  const text = `\`${JSON.stringify(value)}\``;
  // Byte sizes read better with their unit beside them.
  if (typeof value === 'number' && /Bytes$/.test(key) && value % KiB === 0) {
    return value % (KiB * KiB) === 0 ? `${text} (${value / KiB / KiB} MiB)` : `${text} (${value / KiB} KiB)`;
  }
  return text;
}

/** Every setting under `schema`, in declaration order; objects are walked, not listed. */
export function rows(schema: Schema, prefix = ''): Row[] {
  const { schema: inner } = unwrap(schema);
  if (!(inner instanceof $ZodObject))
    throw new Error(`config-docs: ${prefix || 'the root'} is not an object`);
  return Object.entries(inner._zod.def.shape).flatMap(([name, child]) => {
    const key = `${prefix}${name}`;
    const setting = unwrap(child);
    if (setting.schema instanceof $ZodObject) return rows(setting.schema, `${key}.`);
    if (!setting.description) throw new Error(`config-docs: ${key} has no description: say what it does`);
    const row = {
      key,
      type: typeOf(setting.schema),
      default: defaultText(key, setting),
      meaning: setting.description,
    };
    if (setting.schema instanceof $ZodRecord) {
      const value = unwrap(setting.schema._zod.def.valueType).schema;
      return value instanceof $ZodObject ? [row, ...rows(value, `${key}.<name>.`)] : [row];
    }
    const element = setting.schema instanceof $ZodArray ? unwrap(setting.schema._zod.def.element) : null;
    return element?.schema instanceof $ZodObject ? [row, ...rows(element.schema, `${key}[].`)] : [row];
  });
}

/** Markdown table cells: `|` ends a cell and `<name>` would vanish as an HTML tag. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function table(list: Row[]): string {
  const lines = ['| Setting | Type | Default | Meaning |', '| --- | --- | --- | --- |'];
  for (const row of list) {
    lines.push(`| \`${row.key}\` | ${row.type} | ${row.default} | ${cell(row.meaning)} |`);
  }
  return lines.join('\n');
}

function render(schema: Schema): { readme: string; page: string } {
  const all = rows(schema);
  const sectionOf = (row: Row) => OWN_PAGE.find((name) => row.key.startsWith(`${name}.`));
  const sections = OWN_PAGE.filter((name) => all.some((row) => sectionOf(row) === name));
  const core = table(all.filter((row) => sectionOf(row) === undefined));
  const more = sections.map((name) => `\`${name}.*\``).join(' and ');
  const readme = sections.length ? `${core}\n\n${more}: see [docs/configuration.md](${PAGE}).` : core;
  const page = sections
    .map((name) => `## \`${name}\`\n\n${table(all.filter((row) => sectionOf(row) === name))}`)
    .join('\n\n');
  return { readme, page };
}

export function replaceBetweenMarkers(file: string, text: string, content: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`config-docs: ${file} needs ${START} … ${END}`);
  return `${text.slice(0, start + START.length)}\n${content}\n${text.slice(end)}`;
}

/** Each doc file as it should read, given how it reads now. */
export function generate(read: (file: string) => string): Map<string, string> {
  const { readme, page } = render(ConfigSchema);
  return new Map([
    [README, replaceBetweenMarkers(README, read(README), readme)],
    [PAGE, replaceBetweenMarkers(PAGE, read(PAGE), page)],
  ]);
}
