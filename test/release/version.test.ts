/** One version everywhere: package.json, fxmanifest.lua, the changelog and the release zip's name. */
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageInto, ROOT } from './release-zip';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const { version } = JSON.parse(read('package.json')) as { version: string };

describe('the version', () => {
  it('is semantic', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it('is the one fxmanifest.lua declares', () => {
    expect(read('fxmanifest.lua')).toMatch(new RegExp(`^version '${version.replaceAll('.', '\\.')}'$`, 'm'));
  });

  it('has a changelog section, below Unreleased, with a date', () => {
    const headings = read('CHANGELOG.md').match(/^## .*$/gm) ?? [];
    expect(headings[0]).toBe('## [Unreleased]');
    expect(headings[1]).toMatch(
      new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`),
    );
  });

  it('names the release zip', () => {
    const { dir, zipPath } = packageInto();
    try {
      expect(basename(zipPath)).toBe(`sonorancad-${version}.zip`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
