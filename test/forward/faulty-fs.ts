/**
 * The storage's file-system seam with faults a test switches on and off: every call of the chosen kinds
 * throws the errno a failing disk gives, or a write lands only in part (a disk that fills mid-line). Calls
 * that pass go to the real file system, so the files on disk are real.
 */
import { type FileSystem, nodeFileSystem } from '../../src/core/forward/storage/file-system';

export type FaultCode = 'EACCES' | 'EROFS' | 'ENOSPC' | 'EIO';
/** Opening covers reading the journal too; writing covers every write, rename and truncation. */
export type FaultKind = 'open' | 'write';

const DESCRIPTIONS: Record<FaultCode, string> = {
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EIO: 'i/o error',
};

export interface FaultyFileSystem {
  fs: FileSystem;
  /** Every later call of these kinds fails with `code` until heal(). */
  fail(code: FaultCode, kinds?: FaultKind[]): void;
  /** The next write writes only its first `bytes` bytes (ASCII) and returns that count; later writes fail with `then`. */
  cutNextWrite(bytes: number, then?: FaultCode): void;
  heal(): void;
  /** Calls that failed so far. */
  readonly failures: number;
}

export function faultyFileSystem(): FaultyFileSystem {
  let code: FaultCode | null = null;
  let kinds: FaultKind[] = [];
  let cutAt: number | null = null;
  let afterCut: FaultCode = 'ENOSPC';
  let failures = 0;
  const check = (kind: FaultKind, call: string) => {
    if (code === null || !kinds.includes(kind)) return;
    failures += 1;
    throw Object.assign(new Error(`${code}: ${DESCRIPTIONS[code]}, ${call}`), { code });
  };
  const real = nodeFileSystem;
  const fs: FileSystem = {
    ...real,
    openSync(path, flags) {
      // Reading is an open too: with `open` faults on, not even the journal can be read.
      check('open', 'open');
      if (flags !== 'r') check('write', 'open');
      return real.openSync(path, flags);
    },
    writeSync(fd, text) {
      if (cutAt !== null) {
        // The tests' lines are ASCII: characters are bytes.
        const part = text.slice(0, cutAt);
        cutAt = null;
        code = afterCut;
        kinds = ['write'];
        return real.writeSync(fd, part);
      }
      check('write', 'write');
      return real.writeSync(fd, text);
    },
    mkdirSync(path, options) {
      check('write', 'mkdir');
      return real.mkdirSync(path, options);
    },
    renameSync(from, to) {
      check('write', 'rename');
      real.renameSync(from, to);
    },
    ftruncateSync(fd, length) {
      // Giving space back works on a full disk, not on a read-only one.
      if (code !== 'ENOSPC') check('write', 'ftruncate');
      real.ftruncateSync(fd, length);
    },
    fsyncSync(fd) {
      check('write', 'fsync');
      real.fsyncSync(fd);
    },
  };
  return {
    fs,
    fail(next, on = ['open', 'write']) {
      code = next;
      kinds = on;
    },
    cutNextWrite(bytes, then = 'ENOSPC') {
      cutAt = bytes;
      afterCut = then;
    },
    heal() {
      code = null;
      kinds = [];
      cutAt = null;
    },
    get failures() {
      return failures;
    },
  };
}
