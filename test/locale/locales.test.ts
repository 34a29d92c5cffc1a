/** The shipped locale files, and how a language is chosen and filled in with English. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryOf, ENGLISH, format, loadLocale, localeCode } from '../../src/shared/locale';

const DIR = join(__dirname, '..', '..', 'locales');
const SHIPPED = ['de', 'en', 'es', 'fr', 'nl', 'tr'];
const read = (code: string) =>
  JSON.parse(readFileSync(join(DIR, `${code}.json`), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => text.match(/%[a-z%]/g) ?? [];

describe('the locale files', () => {
  it('are the languages shipped, and en.json is the English the bundles carry', () => {
    expect(readdirSync(DIR).sort()).toEqual(SHIPPED.map((code) => `${code}.json`));
    expect(read('en')).toEqual(ENGLISH);
  });

  for (const code of SHIPPED) {
    it(`${code}: every key of en, no other, same placeholders in the same order, no empty text`, () => {
      const texts = read(code);
      expect(Object.keys(texts).sort()).toEqual(Object.keys(ENGLISH).sort());
      for (const [key, english] of Object.entries(ENGLISH)) {
        const text = texts[key] as string;
        expect(text.trim(), `${code} ${key}`).not.toBe('');
        expect(placeholders(text), `${code} ${key}`).toEqual(placeholders(english));
      }
    });
  }

  it('are translated, not copied: most texts differ from English', () => {
    for (const code of SHIPPED.filter((code) => code !== 'en')) {
      const texts = read(code);
      const same = Object.keys(ENGLISH).filter((key) => texts[key] === ENGLISH[key as keyof typeof ENGLISH]);
      expect(same.length, `${code}: ${same.join(', ')}`).toBeLessThan(Object.keys(ENGLISH).length / 4);
    }
  });
});

describe('choosing and loading a language', () => {
  it('sonorancad:locale first, then ox:locale, then English; a value that is no code is skipped', () => {
    const convars = (values: Record<string, string>) => (name: string) => values[name];
    expect(localeCode(convars({ 'sonorancad:locale': 'DE', 'ox:locale': 'fr' }))).toBe('de');
    expect(localeCode(convars({ 'ox:locale': 'fr' }))).toBe('fr');
    expect(localeCode(convars({ 'sonorancad:locale': '../config', 'ox:locale': 'pt-br' }))).toBe('pt-br');
    expect(localeCode(convars({}))).toBe('en');
  });

  it('a key a file lacks, or leaves empty, reads in English', () => {
    const texts = dictionaryOf([{ 'panic.title': 'PANIKKNOPF', 'panic.cleared': '', 'not.a.key': 'x' }]);
    expect(texts['panic.title']).toBe('PANIKKNOPF');
    expect(texts['panic.cleared']).toBe(ENGLISH['panic.cleared']);
    expect('not.a.key' in texts).toBe(false);
  });

  it('a missing or broken file is a console line, and English stands in', () => {
    const lines: string[] = [];
    const files: Record<string, string> = {
      'locales/en.json': '{}',
      'locales/fr.json': '{"panic.title": 5}',
    };
    const texts = loadLocale(
      'fr',
      (path) => files[path] ?? null,
      (line) => lines.push(line),
    );
    expect(texts).toEqual(ENGLISH);
    expect(
      loadLocale(
        'xx',
        (path) => files[path] ?? null,
        (line) => lines.push(line),
      ),
    ).toEqual(ENGLISH);
    expect(lines).toEqual([
      'Locale "fr": locales/fr.json is not a flat object of texts; its texts are in English.',
      'Locale "xx": locales/xx.json is missing; its texts are in English.',
    ]);
  });

  it('fills %s in order', () => {
    expect(format(ENGLISH['call.title'], '911', 1234)).toBe('911 call #1234');
    expect(format(read('de')['call.title'] as string, '911', 1234)).toBe('911-Anruf #1234');
  });
});
