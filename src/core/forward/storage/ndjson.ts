/** Line-by-line reading of the NDJSON files the journal and the dead-letter file keep, in bounded memory. */
import type { FileSystem } from './file-system';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const BODY_MEMBER = ',"body":';

/** Calls `onLine` for each non-empty line; a missing file has none. */
export function readLines(fs: FileSystem, path: string, onLine: (line: string) => void): void {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      // Splitting bytes on \n is safe in UTF-8: no multi-byte character contains that byte.
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let at = data.indexOf(NEWLINE); at !== -1; at = data.indexOf(NEWLINE, start)) {
        if (at > start) onLine(data.toString('utf8', start, at));
        start = at + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
    // A last line without its newline was cut by a crash mid-write; the caller's parser rejects it.
    if (carry.length) onLine(carry.toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

/** `{"k":…,"body":<JSON text>}`: the stored body is embedded as JSON, not re-escaped into a string. */
export function embedJsonBody(head: Record<string, unknown>, body: string | undefined): string {
  const json = JSON.stringify(head);
  return body === undefined ? json : `${json.slice(0, -1)}${BODY_MEMBER}${body}}`;
}

/**
 * The inverse of embedJsonBody: the fields, parsed, and the body as its text, cut out rather than
 * written out again, so a body nested too deeply for JSON.stringify still comes back. In a line
 * embedJsonBody wrote, the first `,"body":` is that member: inside a string its quotes are escaped.
 * Throws when either part is not JSON.
 */
export function splitJsonBody(line: string): { head: unknown; body: string | undefined } {
  const at = line.indexOf(BODY_MEMBER);
  if (at === -1 || !line.endsWith('}')) return { head: JSON.parse(line), body: undefined };
  const body = line.slice(at + BODY_MEMBER.length, -1);
  JSON.parse(body);
  return { head: JSON.parse(`${line.slice(0, at)}}`), body };
}
