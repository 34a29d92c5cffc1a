/**
 * Console output for the relay. Writing to a pipe or file is synchronous in Node, and the relay logs a
 * line per event. A line goes out at the end of its event-loop turn, together with the others of that
 * turn; once BURST lines went out within FLUSH_MS, the rest of that window waits for one write at its
 * end (or until the buffer is full). Under load that turns a write and a check-phase pass every turn into
 * a few per window. Waiting lines are copied into a buffer as they come, not kept as strings: strings
 * held that long would outlive young-generation collections and cost more than the writes saved.
 * A warning or an error is written at once, after whatever waited before it, so a crash cannot swallow it.
 */
export interface ConsoleLines {
  /** `urgent`: a warning or an error. */
  print(line: string, urgent?: boolean): void;
  /** Writes what is pending now (before exiting). */
  flush(): void;
}

const FLUSH_MS = 20;
const BURST = 32;
const BUFFER_BYTES = 32 * 1024;
const NEWLINE = 0x0a;

export function createConsoleLines(
  write: (bytes: Uint8Array) => void,
  now: () => number = () => performance.now(),
): ConsoleLines {
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let pendingLines = 0;
  let scheduled = false;
  let windowStart = Number.NEGATIVE_INFINITY;
  let windowLines = 0;

  const flush = () => {
    scheduled = false;
    if (used === 0) return;
    const at = now();
    if (at - windowStart >= FLUSH_MS) {
      windowStart = at;
      windowLines = 0;
    }
    windowLines += pendingLines;
    // A copy: the stream may still hold the bytes it was handed when the buffer is refilled.
    const bytes = Buffer.from(buffer.subarray(0, used));
    used = 0;
    pendingLines = 0;
    write(bytes);
  };

  const append = (line: string) => {
    // UTF-8 takes at most three bytes per UTF-16 unit; a line that may not fit goes out on its own.
    if (used + line.length * 3 + 1 > BUFFER_BYTES) {
      flush();
      if (line.length * 3 + 1 > BUFFER_BYTES) {
        write(Buffer.from(`${line}\n`));
        return;
      }
    }
    used += buffer.write(line, used);
    buffer[used++] = NEWLINE;
    pendingLines += 1;
  };

  return {
    print(line, urgent) {
      append(line);
      if (urgent) return flush();
      if (scheduled || used === 0) return;
      scheduled = true;
      const wait = windowLines < BURST ? 0 : windowStart + FLUSH_MS - now();
      // Unref'd: pending lines never keep the process alive; the exit handler writes them.
      if (wait > 0) setTimeout(flush, wait).unref();
      else setImmediate(flush);
    },
    flush,
  };
}
