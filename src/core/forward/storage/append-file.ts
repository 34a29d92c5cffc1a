/**
 * An append-only file written with synchronous writes: once append() returns, the line is in the
 * operating system's hands and survives the process being killed (not a power cut: there is no fsync
 * per line, which would cost milliseconds per push). A line is in the file whole or not at all: a write
 * cut short (a full disk) is truncated away, and a file opened with a cut last line loses that line, so
 * the next one never runs into it.
 */
import { dirname } from 'node:path';
import type { FileSystem } from './file-system';

/** Lines are gathered into writes of about this size when a whole file is rewritten. */
const WRITE_BATCH_CHARS = 1024 * 1024;
/** How far back a cut last line is searched for its start, per read. */
const TAIL_CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** Writes `text` whole, or throws: a short write is a failure (a disk that filled up mid-line). */
function writeWhole(fs: FileSystem, fd: number, text: string): number {
  const written = fs.writeSync(fd, text);
  const expected = Buffer.byteLength(text);
  if (written < expected) {
    throw new Error(`a short write: ${written} of ${expected} bytes were written (is the disk full?)`);
  }
  return written;
}

/**
 * Writes `lines` to a temporary file, then renames it over `path`: a crash leaves the old or the new
 * file, never half. A failed attempt removes its temporary file, giving back the space it took.
 */
export function replaceFile(fs: FileSystem, path: string, lines: Iterable<string>): number {
  const temporary = `${path}.tmp`;
  fs.mkdirSync(dirname(path), { recursive: true });
  let bytes = 0;
  try {
    const fd = fs.openSync(temporary, 'w');
    try {
      let batch = '';
      for (const line of lines) {
        batch += line;
        if (batch.length >= WRITE_BATCH_CHARS) {
          bytes += writeWhole(fs, fd, batch);
          batch = '';
        }
      }
      if (batch) bytes += writeWhole(fs, fd, batch);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, path);
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // The error that matters is the one thrown below.
    }
    throw error;
  }
  return bytes;
}

export class AppendFile {
  private fd: number;
  /** Current size in bytes. */
  bytes: number;
  /** Bytes of a cut last line removed when the file was opened. */
  readonly trimmed: number;

  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
  ) {
    fs.mkdirSync(dirname(path), { recursive: true });
    this.fd = fs.openSync(path, 'a+');
    try {
      this.bytes = fs.fstatSync(this.fd).size;
      this.trimmed = this.trimCutLine();
    } catch (error) {
      fs.closeSync(this.fd);
      throw error;
    }
  }

  /** `line` ends with a newline. Throws when it could not be written whole, leaving the file as it was. */
  append(line: string): void {
    const before = this.bytes;
    try {
      this.bytes += writeWhole(this.fs, this.fd, line);
    } catch (error) {
      this.cutBackTo(before);
      throw error;
    }
  }

  rewrite(lines: Iterable<string>): void {
    const bytes = replaceFile(this.fs, this.path, lines);
    this.reopen();
    this.bytes = bytes;
  }

  truncate(): void {
    this.fs.ftruncateSync(this.fd, 0);
    this.bytes = 0;
  }

  /** Renames the file to `to` (replacing it) and starts an empty one. */
  rotate(to: string): void {
    this.fs.renameSync(this.path, to);
    this.reopen();
    this.bytes = 0;
  }

  close(): void {
    this.fs.closeSync(this.fd);
  }

  /** Truncating frees space, so it works on a full disk; if even that fails, the next open trims the line. */
  private cutBackTo(bytes: number): void {
    try {
      this.fs.ftruncateSync(this.fd, bytes);
      this.bytes = bytes;
    } catch {
      // Left for the next open.
    }
  }

  /** A crash mid-write can leave a last line without its newline: it is cut back to the line before. */
  private trimCutLine(): number {
    if (this.bytes === 0) return 0;
    const chunk = Buffer.alloc(TAIL_CHUNK_BYTES);
    let end = this.bytes;
    let keep = 0;
    for (let first = true; end > 0; first = false) {
      const start = Math.max(0, end - TAIL_CHUNK_BYTES);
      const read = this.fs.readSync(this.fd, chunk, 0, end - start, start);
      const newline = chunk.subarray(0, read).lastIndexOf(NEWLINE);
      if (first && newline === read - 1) return 0;
      if (newline !== -1) {
        keep = start + newline + 1;
        break;
      }
      end = start;
    }
    const trimmed = this.bytes - keep;
    this.fs.ftruncateSync(this.fd, keep);
    this.bytes = keep;
    return trimmed;
  }

  private reopen(): void {
    this.fs.closeSync(this.fd);
    this.fd = this.fs.openSync(this.path, 'a');
  }
}
