/**
 * Replaces a file so that a crash at any moment leaves the old text or the new, never half of either:
 * the new text goes to a temporary file in the same folder (a rename is atomic only within one file
 * system), is flushed to disk, then renamed over the old one.
 */

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { nodeCrypto } from '../node-crypto';

export type Rename = (from: string, to: string) => void;

export function writeFileAtomic(path: string, text: string, rename: Rename = renameSync): void {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    rename(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
