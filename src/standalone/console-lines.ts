/**
 * Console output for the relay. Writing to a pipe or file is synchronous in Node, and the relay logs a
 * line per event: lines go out together every FLUSH_MS (or once MAX_PENDING are waiting), one write for
 * many events. Flushing every event-loop turn still cost a timer and a write for every one or two
 * requests under load, a fifth of a push's time.
 */
export interface ConsoleLines {
  print(line: string): void;
  /** Writes what is pending now (before exiting). */
  flush(): void;
}

const FLUSH_MS = 50;
const MAX_PENDING = 512;

export function createConsoleLines(write: (text: string) => void): ConsoleLines {
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    write(text);
  };

  return {
    print(line) {
      pending.push(line);
      if (pending.length >= MAX_PENDING) flush();
      // Unref'd: pending lines never keep the process alive; the exit handler writes them.
      else timer ??= setTimeout(flush, FLUSH_MS).unref();
    },
    flush,
  };
}
