/** The page as built for FiveM's Chromium 103: small, self-contained, and free of what 103 lacks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { chrome103Check, UNSUPPORTED, unsupportedIn } from '../../scripts/chrome103.mjs';

const NUI = join(__dirname, '..', '..', 'dist', 'nui');
const FILES = ['index.html', 'page.js', 'page.css'];
const BUDGET = 40 * 1024;

/** What each check must catch, as esbuild leaves it for chrome103. */
const SAMPLES: Record<string, { loader: 'ts' | 'css'; code: string }> = {
  ':has()': { loader: 'css', code: '.card:has(.note) { color: red }' },
  '@container': { loader: 'css', code: '@container (min-width: 10px) { .card { color: red } }' },
  'color-mix()': { loader: 'css', code: '.card { color: color-mix(in srgb, red 50%, blue) }' },
  'dynamic viewport units': { loader: 'css', code: '.card { height: 100dvh }' },
  'Array change-by-copy methods': { loader: 'ts', code: 'console.log([3, 1].toSorted());' },
  'Object.groupBy': { loader: 'ts', code: 'console.log(Object.groupBy([1], (n) => n));' },
  'Promise.withResolvers': { loader: 'ts', code: 'console.log(Promise.withResolvers());' },
};

const checked = (loader: 'ts' | 'css', code: string) =>
  build({
    stdin: { contents: code, loader },
    bundle: false,
    write: false,
    target: 'chrome103',
    logLevel: 'silent',
    plugins: [chrome103Check],
  });

describe('the built page', () => {
  it(`is at most ${BUDGET / 1024} KB gzipped, with its assets`, () => {
    const gzipped = FILES.reduce((sum, file) => sum + gzipSync(readFileSync(join(NUI, file))).length, 0);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('uses nothing Chromium 103 lacks', () => {
    for (const file of FILES) expect(unsupportedIn(readFileSync(join(NUI, file), 'utf8')), file).toEqual([]);
  });

  it('loads nothing from elsewhere: no URL in its markup or styles', () => {
    for (const file of ['index.html', 'page.css']) {
      expect(readFileSync(join(NUI, file), 'utf8'), file).not.toMatch(/(?:https?:)?\/\/|@import/);
    }
  });
});

describe('the Chromium 103 check', () => {
  for (const [what, { loader, code }] of Object.entries(SAMPLES)) {
    it(`fails a build that uses ${what}, which esbuild passes through`, async () => {
      await expect(checked(loader, code)).rejects.toThrow(/which FiveM's Chromium 103 lacks/);
    });
  }

  it('passes what esbuild lowers for Chrome 103 (nesting, oklch)', async () => {
    const result = await checked('css', '.card { & .note { color: oklch(70% 0.1 200) } }');
    expect(result.errors).toEqual([]);
  });

  it('names a sample for most of its rules', () => {
    expect(UNSUPPORTED.length).toBeGreaterThanOrEqual(Object.keys(SAMPLES).length);
  });
});
