/**
 * Reads the console lines `forward add <name> <url> [--events A,B*] [--format raw|discord]
 * [--secret CONVAR] [--method POST|PUT]` and `forward set <name> <field> <value>` into a target or a
 * merge patch. Only the shape of the line is checked here; the values are checked by config.json's
 * schema, so a mistake is worded as it would be in the file.
 */

export const ADD_USAGE =
  'forward add <name> <url> [--events A,B*] [--format raw|discord] [--secret CONVAR] [--method POST|PUT]';
export const SET_USAGE = 'forward set <name> <field> <value|->';

/** `set <name> <field> -` removes the field, so it takes its default again. */
const UNSET = '-';

const ADD_OPTIONS = ['events', 'format', 'secret', 'method'] as const;

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const eventList = (value: string) =>
  value
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');

/** A console word as the JSON value it stands for: numbers and true/false, else the text as typed. */
function scalar(value: string): unknown {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

function fieldValue(field: string, value: string): unknown {
  if (field === 'events') return eventList(value);
  if (field === 'method') return value.toUpperCase();
  return scalar(value);
}

export function parseAdd(args: string[]): Parsed<Record<string, unknown>> {
  const [name, url, ...rest] = args;
  if (!name || !url || name.startsWith('--') || url.startsWith('--')) {
    return { ok: false, message: `Usage: sonorancad ${ADD_USAGE}` };
  }
  const target: Record<string, unknown> = { name, url };
  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i]!;
    const [flag, inline] = word.split(/=(.*)/s, 2) as [string, string | undefined];
    const option = ADD_OPTIONS.find((candidate) => `--${candidate}` === flag);
    if (!option) {
      return {
        ok: false,
        message: `"${word}" is not an option here; use ${ADD_OPTIONS.map((o) => `--${o}`).join(', ')}.`,
      };
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') return { ok: false, message: `--${option} needs a value.` };
    target[option] = fieldValue(option, value);
  }
  return { ok: true, value: target };
}

export function parseSet(args: string[]): Parsed<{ name: string; patch: Record<string, unknown> }> {
  const [name, field, ...words] = args;
  if (!name || !field || words.length === 0) return { ok: false, message: `Usage: sonorancad ${SET_USAGE}` };
  if (field === 'headers' || field.startsWith('headers.')) {
    return {
      ok: false,
      message:
        'Header values are not set from the console, where they would show on the command line: ' +
        'edit config.json, then run "sonorancad reload".',
    };
  }
  const value = words.join(' ');
  return { ok: true, value: { name, patch: { [field]: value === UNSET ? null : fieldValue(field, value) } } };
}
