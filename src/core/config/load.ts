/** Reads config.json and the settings that override it, and explains what is wrong by field name. */
import type * as z from 'zod/mini';
import type { Runtime } from '../runtime';
import { dottedPath } from '../text';
import { withoutByteOrderMark } from './byte-order-mark';
import { type Config, ConfigSchema } from './schema';

export const API_KEY_SETTING = 'sonoran_apiKey';
/** The official resource's convar overrides for its forwarding keys. */
const BOOLEAN_OVERRIDES = ['enablePushEventForwarding'] as const;
const STRING_OVERRIDES = ['pushEventForwardUrl'] as const;

export interface LoadedConfig {
  config: Config;
  /** Empty when no key is configured: the resource still runs and answers pushes with 503. */
  apiKey: string;
  /** Where the key came from, for the start-up line (never the value). */
  apiKeySource: 'setting' | 'config.json' | 'none';
}

export type LoadResult = { ok: true; loaded: LoadedConfig } | { ok: false; problems: string[] };

export const CONFIG_FILE = 'config.json';

/** Checking a text needs only the settings that override it. */
type Settings = Pick<Runtime, 'setting'>;

/** Where operators read what every setting means. */
export const CONFIG_DOCS =
  'Every setting is described in README.md, section "Configuration" (alerts.* and forwarding.* in ' +
  'docs/configuration.md).';

/**
 * V8 quotes the file in some JSON errors (`Unexpected token 's', "{"apiKey": s…" is not valid JSON`),
 * and the file may hold the API key: keep only the kind of error and where it is.
 */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  let where = '';
  if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    where = ` at line ${before.length}, column ${before.at(-1)!.length + 1}`;
  }
  const what = /^Unexpected token/.test(message)
    ? 'unexpected text, such as a value without quotes'
    : message.replace(/ in JSON at position.*$/s, '').replace(/,?\s*".*" is not valid JSON$/s, '');
  return `${CONFIG_FILE} is not valid JSON${where}: ${what}. Check the quotes and commas there.`;
}

function parseFile(text: string | null): { ok: true; value: unknown } | { ok: false; problem: string } {
  const json = text === null ? '' : withoutByteOrderMark(text);
  if (json.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    return { ok: false, problem: jsonProblem(json, error) };
  }
}

function applyOverrides(runtime: Settings, value: Record<string, unknown>): Record<string, unknown> {
  const out = { ...value };
  for (const key of BOOLEAN_OVERRIDES) {
    const raw = runtime.setting(`sonoran_${key}`);
    if (raw !== undefined && raw !== '') out[key] = raw.trim().toLowerCase() === 'true';
  }
  for (const key of STRING_OVERRIDES) {
    const raw = runtime.setting(`sonoran_${key}`);
    if (raw !== undefined && raw !== '') out[key] = raw;
  }
  return out;
}

/** One problem: the setting's path, the schema's message and the line that explains it by name. */
export interface ConfigIssue {
  path: readonly PropertyKey[];
  message: string;
  line: string;
}

/** One per problem, naming the setting and what was expected; values are never printed (some are secrets). */
export function configIssues(error: z.core.$ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        const line = `${CONFIG_FILE} ${dottedPath(path)}: not a setting here; check its spelling and nesting.`;
        return { path, message: 'not a setting here', line };
      });
    }
    const where = issue.path.length ? dottedPath(issue.path) : '(top level)';
    return [{ path: issue.path, message: issue.message, line: `${CONFIG_FILE} ${where}: ${issue.message}` }];
  });
}

const fileIssue = (line: string): ConfigIssue => ({ path: [], message: line, line });

export type CheckResult = { ok: true; loaded: LoadedConfig } | { ok: false; issues: ConfigIssue[] };

/** The checks of loadConfig on a text that may not be written yet (a change about to be saved). */
export function checkConfig(runtime: Settings, text: string | null): CheckResult {
  const file = parseFile(text);
  if (!file.ok) return { ok: false, issues: [fileIssue(file.problem)] };
  if (typeof file.value !== 'object' || file.value === null || Array.isArray(file.value)) {
    return { ok: false, issues: [fileIssue(`${CONFIG_FILE} must hold one JSON object.`)] };
  }
  const parsed = ConfigSchema.safeParse(applyOverrides(runtime, file.value as Record<string, unknown>));
  if (!parsed.success) return { ok: false, issues: configIssues(parsed.error) };

  const fromSetting = runtime.setting(API_KEY_SETTING)?.trim() ?? '';
  const fromFile = parsed.data.apiKey?.trim() ?? '';
  const apiKey = fromSetting || fromFile;
  const apiKeySource = fromSetting ? 'setting' : fromFile ? 'config.json' : 'none';
  return { ok: true, loaded: { config: parsed.data, apiKey, apiKeySource } };
}

/**
 * `reload`: the file replaces a configuration that runs, so one that cannot be read is an error, never
 * the defaults (which would remove every forward target). Only the very first start takes a missing or
 * empty file as the defaults. Hosts cannot always tell a missing file from a folder or an unreadable one.
 */
export function loadConfig(runtime: Runtime, phase: 'start' | 'reload' = 'start'): LoadResult {
  const text = runtime.readFile(CONFIG_FILE);
  if (phase === 'reload' && (text === null || withoutByteOrderMark(text).trim() === '')) {
    const why = text === null ? 'it is missing, a folder, or not readable' : 'it is empty';
    return { ok: false, problems: [`${CONFIG_FILE} could not be read: ${why}.`] };
  }
  const checked = checkConfig(runtime, text);
  return checked.ok ? checked : { ok: false, problems: checked.issues.map((issue) => issue.line) };
}
