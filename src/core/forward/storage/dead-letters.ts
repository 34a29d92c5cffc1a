/**
 * Events a target will not get (rejected, too old, queue overflow, target disabled), one NDJSON line
 * each, kept until `sonorancad forward replay <target>` re-queues them. Past maxBytes the file is
 * rotated to one older generation, so the two never hold more than twice that.
 */
import { join } from 'node:path';
import { AppendFile, replaceFile } from './append-file';
import { embedJsonBody, extractJsonBody, readLines } from './ndjson';

const DEAD_LETTER_FILE = 'dead-letters.ndjson';
const OLDER_DEAD_LETTER_FILE = 'dead-letters.1.ndjson';

export interface DeadLetter {
  id: string;
  /** When the event arrived (ms). */
  at: number;
  type: string;
  target: string;
  reason: string;
  /** When it was given up on (ms). */
  deadAt: number;
  /** The push without its key. */
  body?: string;
  /** Only in letters written before keys were kept out of dead letters: the bytes as received. */
  raw?: string;
}

function letterLine(letter: DeadLetter): string {
  const { body, ...head } = letter;
  return `${embedJsonBody(head, body)}\n`;
}

export class DeadLetterFile {
  private readonly file: AppendFile;
  private readonly older: string;

  constructor(
    dir: string,
    private readonly maxBytes: number,
  ) {
    this.file = new AppendFile(join(dir, DEAD_LETTER_FILE));
    this.older = join(dir, OLDER_DEAD_LETTER_FILE);
  }

  get bytes(): number {
    return this.file.bytes;
  }

  /** True when the file was just rotated, dropping the previous older generation. */
  add(letter: DeadLetter): boolean {
    this.file.append(letterLine(letter));
    if (this.file.bytes < this.maxBytes) return false;
    this.file.rotate(this.older);
    return true;
  }

  /** Removes and returns one target's letters, oldest first. Unreadable lines stay where they are. */
  take(target: string): DeadLetter[] {
    const taken: DeadLetter[] = [];
    for (const path of [this.older, this.file.path]) {
      const kept: string[] = [];
      const before = taken.length;
      readLines(path, (line) => {
        let letter: DeadLetter | undefined;
        try {
          const record = JSON.parse(line) as DeadLetter & { body?: unknown };
          letter = { ...record, body: extractJsonBody(record) };
        } catch {
          // kept below, as it was
        }
        if (letter?.target === target) taken.push(letter);
        else kept.push(`${line}\n`);
      });
      if (taken.length === before) continue;
      if (path === this.file.path) this.file.rewrite(kept);
      else replaceFile(path, kept);
    }
    return taken;
  }

  close(): void {
    this.file.close();
  }
}
