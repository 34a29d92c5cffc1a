/** Line-by-line reading of the NDJSON files the journal and the dead-letter file keep, in bounded memory. */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** Calls `onLine` for each non-empty line; a missing file has none. */
export function readLines(path: string, onLine: (line: string) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
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
    closeSync(fd);
  }
}

/** `{"k":…,"body":<JSON text>}`: the stored body is embedded as JSON, not re-escaped into a string. */
export function embedJsonBody(head: Record<string, unknown>, body: string | undefined): string {
  const json = JSON.stringify(head);
  return body === undefined ? json : `${json.slice(0, -1)},"body":${body}}`;
}

/** The inverse of embedJsonBody: the body back as JSON text (re-serialising our own output gives the same text). */
export function extractJsonBody(record: { body?: unknown }): string | undefined {
  return record.body === undefined ? undefined : JSON.stringify(record.body);
}
