import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/core/config/write-atomic';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'sonorancad-write-'));
}

describe('atomic file replacement', () => {
  it('replaces the text and leaves no temporary file', () => {
    const dir = folder();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{ "old": true }\n');
    writeFileAtomic(path, '{ "new": true }\n');
    expect(readFileSync(path, 'utf8')).toBe('{ "new": true }\n');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('creates a missing file', () => {
    const path = join(folder(), 'config.json');
    writeFileAtomic(path, '{}\n');
    expect(readFileSync(path, 'utf8')).toBe('{}\n');
  });

  it('writes the temporary file beside the target, then renames it', () => {
    const dir = folder();
    const path = join(dir, 'config.json');
    const renames: [string, string][] = [];
    writeFileAtomic(path, 'x', (from, to) => {
      renames.push([from, to]);
      expect(readFileSync(from, 'utf8')).toBe('x');
      renameSync(from, to);
    });
    expect(renames).toHaveLength(1);
    expect(renames[0]![0].startsWith(join(dir, '.config.json.'))).toBe(true);
    expect(renames[0]![1]).toBe(path);
  });

  it('a crash between the write and the rename leaves the old file intact', () => {
    const dir = folder();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{ "old": true }\n');
    expect(() =>
      writeFileAtomic(path, '{ "new": true }\n', () => {
        throw new Error('EIO: rename failed');
      }),
    ).toThrow('EIO');
    expect(readFileSync(path, 'utf8')).toBe('{ "old": true }\n');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
