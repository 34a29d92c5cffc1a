/**
 * Events a target will not get (rejected, too old, queue overflow, target disabled), one NDJSON line
 * each, kept until `sonorancad forward replay <target>` re-queues them. Past maxBytes the file is
 * rotated to one older generation, so the two never hold more than twice that.
 */
import { join } from 'node:path';
import { AppendFile, replaceFile } from './append-file';
import type { FileSystem } from './file-system';
import { DeadLetterLineSchema } from './lines';
import { embedJsonBody, readLines, splitJsonBody } from './ndjson';

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

/** A line read back, or null when it is not a dead letter. */
function parseLetter(line: string): DeadLetter | null {
  try {
    const { head, body } = splitJsonBody(line);
    const fields = DeadLetterLineSchema.safeParse(head);
    return fields.success ? { ...fields.data, ...(body === undefined ? {} : { body }) } : null;
  } catch {
    return null;
  }
}

export interface TakenLetters {
  letters: DeadLetter[];
  /** Lines that are not dead letters; they stay in the file as they were. */
  skipped: number;
}

export class DeadLetterFile {
  private readonly file: AppendFile;
  private readonly older: string;

  constructor(
    private readonly fs: FileSystem,
    dir: string,
    private readonly maxBytes: number,
  ) {
    this.file = new AppendFile(fs, join(dir, DEAD_LETTER_FILE));
    this.older = join(dir, OLDER_DEAD_LETTER_FILE);
  }

  get bytes(): number {
    return this.file.bytes;
  }

  /** Bytes of a cut last line removed at open. */
  get trimmed(): number {
    return this.file.trimmed;
  }

  /** True when the file was just rotated, dropping the previous older generation. */
  add(letter: DeadLetter): boolean {
    this.file.append(letterLine(letter));
    if (this.file.bytes < this.maxBytes) return false;
    this.file.rotate(this.older);
    return true;
  }

  /** Removes and returns one target's letters, oldest first. Unreadable lines stay where they are. */
  take(target: string): TakenLetters {
    const letters: DeadLetter[] = [];
    let skipped = 0;
    for (const path of [this.older, this.file.path]) {
      const kept: string[] = [];
      const before = letters.length;
      readLines(this.fs, path, (line) => {
        const letter = parseLetter(line);
        if (!letter) skipped += 1;
        if (letter?.target === target) letters.push(letter);
        else kept.push(`${line}\n`);
      });
      if (letters.length === before) continue;
      if (path === this.file.path) this.file.rewrite(kept);
      else replaceFile(this.fs, path, kept);
    }
    return { letters, skipped };
  }

  close(): void {
    this.file.close();
  }
}
