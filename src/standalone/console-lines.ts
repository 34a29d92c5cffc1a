/**
 * Console output for the relay. Writing to a pipe or file is synchronous in Node, and the relay logs a
 * line per event: lines written in one turn of the event loop go out in one write instead.
 */
export interface ConsoleLines {
  print(line: string): void;
  /** Writes what is pending now (before exiting). */
  flush(): void;
}

export function createConsoleLines(write: (text: string) => void): ConsoleLines {
  let pending: string[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    write(text);
  };

  return {
    print(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
