/**
 * Every text a player reads, by key, from `locales/<code>.json`: ox_lib's flat format, `%s` for each
 * value in order. English, bundled from locales/en.json, is the fallback for any key a file lacks. The
 * language: the convar `sonorancad:locale`, else ox_lib's `ox:locale`, else English. Server and client
 * read the same files; the client sees a convar set with `setr`.
 */
import * as z from 'zod/mini';
import en from '../../locales/en.json';

export type LocaleKey = keyof typeof en;
export type Dictionary = Readonly<Record<LocaleKey, string>>;

export const ENGLISH: Dictionary = en;
export const LOCALE_CONVARS = ['sonorancad:locale', 'ox:locale'] as const;
export const DEFAULT_LOCALE = 'en';

/** `de`, `pt-br`, `zh-cn`: a file name, never a path. */
const CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

export const localePath = (code: string): string => `locales/${code}.json`;

/** The first convar that names a language; `read` answers undefined for an unset one. */
export function localeCode(read: (name: string) => string | undefined): string {
  for (const name of LOCALE_CONVARS) {
    const code = read(name)?.trim().toLowerCase();
    if (code && CODE.test(code)) return code;
  }
  return DEFAULT_LOCALE;
}

const LocaleFileSchema = z.record(z.string(), z.string());

type Parsed = { ok: true; texts: Record<string, string> } | { ok: false; error: string };

/** A locale file's entries, or what is wrong with it. */
export function parseLocale(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = LocaleFileSchema.safeParse(json);
  return parsed.success
    ? { ok: true, texts: parsed.data }
    : { ok: false, error: 'not a flat object of texts' };
}

/**
 * The dictionary for `code`: locales/en.json (so English can be reworded without a build), then the
 * language's file. A missing or broken file is one console line, in English, and English stands in.
 */
export function loadLocale(
  code: string,
  read: (path: string) => string | null,
  warn: (line: string) => void,
): Dictionary {
  const files: Record<string, string>[] = [];
  for (const each of code === DEFAULT_LOCALE ? [DEFAULT_LOCALE] : [DEFAULT_LOCALE, code]) {
    const path = localePath(each);
    const text = read(path);
    const parsed = text === null ? { ok: false as const, error: 'missing' } : parseLocale(text);
    if (parsed.ok) files.push(parsed.texts);
    else warn(`Locale "${each}": ${path} is ${parsed.error}; its texts are in English.`);
  }
  return dictionaryOf(files);
}

/** English, with each file's texts over it in order; unknown keys and empty texts are left out. */
export function dictionaryOf(files: readonly Record<string, string>[]): Dictionary {
  const out: Record<string, string> = { ...ENGLISH };
  for (const file of files) {
    for (const [key, text] of Object.entries(file)) if (key in ENGLISH && text !== '') out[key] = text;
  }
  return out as Dictionary;
}

/** Each `%s` takes the next value; a template with fewer values keeps the rest empty. */
export function format(template: string, ...values: (string | number)[]): string {
  let next = 0;
  return template.replace(/%s/g, () => String(values[next++] ?? ''));
}

/** A locale as a lookup. */
export type Translate = (key: LocaleKey, ...values: (string | number)[]) => string;

export const translator =
  (dictionary: Dictionary): Translate =>
  (key, ...values) =>
    format(dictionary[key], ...values);
