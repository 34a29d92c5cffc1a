/**
 * An append-only file written with synchronous writes: once append() returns, the line is in the
 * operating system's hands and survives the process being killed (not a power cut: there is no fsync
 * per line, which would cost milliseconds per push).
 */
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Lines are gathered into writes of about this size when a whole file is rewritten. */
const WRITE_BATCH_CHARS = 1024 * 1024;

/** Writes `lines` to a temporary file, then renames it over `path`: a crash leaves the old or the new file, never half. */
export function replaceFile(path: string, lines: Iterable<string>): number {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  let bytes = 0;
  try {
    let batch = '';
    for (const line of lines) {
      batch += line;
      if (batch.length >= WRITE_BATCH_CHARS) {
        bytes += writeSync(fd, batch);
        batch = '';
      }
    }
    if (batch) bytes += writeSync(fd, batch);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return bytes;
}

export class AppendFile {
  private fd: number;
  /** Current size in bytes. */
  bytes: number;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a+');
    this.bytes = fstatSync(this.fd).size;
    // A crash mid-write can leave a last line without its newline; the next line must not run into it.
    if (this.bytes > 0 && !this.endsWithNewline()) this.append('\n');
  }

  /** `line` ends with a newline. */
  append(line: string): void {
    this.bytes += writeSync(this.fd, line);
  }

  rewrite(lines: Iterable<string>): void {
    const bytes = replaceFile(this.path, lines);
    this.reopen();
    this.bytes = bytes;
  }

  truncate(): void {
    ftruncateSync(this.fd, 0);
    this.bytes = 0;
  }

  /** Renames the file to `to` (replacing it) and starts an empty one. */
  rotate(to: string): void {
    renameSync(this.path, to);
    this.reopen();
    this.bytes = 0;
  }

  close(): void {
    closeSync(this.fd);
  }

  private endsWithNewline(): boolean {
    const last = Buffer.alloc(1);
    readSync(this.fd, last, 0, 1, this.bytes - 1);
    return last[0] === 0x0a;
  }

  private reopen(): void {
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
  }
}
