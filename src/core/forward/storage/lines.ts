/**
 * The shapes of the lines the journal and the dead-letter file hold, checked as they are read back: a
 * line cut by a crash, edited by hand or written by some other version is skipped and counted, never
 * trusted, so one odd line cannot stop the rest from replaying.
 */
import * as z from 'zod/mini';

const Seq = z.number().check(z.int(), z.nonnegative());
const Time = z.number();

/** An accepted event and the targets it was owed when written. */
export const EventLineSchema = z.object({
  s: Seq,
  id: z.string().check(z.minLength(1)),
  at: Time,
  type: z.string(),
  to: z.array(z.string()),
  raw: z.string(),
});
export type EventLine = z.infer<typeof EventLineSchema>;

/** Target `t` is done with event `s`. */
export const SettleLineSchema = z.object({ s: Seq, t: z.string() });
export type SettleLine = z.infer<typeof SettleLineSchema>;

/** A dead letter's fields around its body; `body` is read back as text (see ndjson.ts). */
export const DeadLetterLineSchema = z.object({
  id: z.string().check(z.minLength(1)),
  at: Time,
  type: z.string(),
  target: z.string(),
  reason: z.string(),
  deadAt: Time,
  raw: z.optional(z.string()),
});

/** "skipped 3 unreadable lines", or null when there were none. */
export function skippedLines(count: number): string | null {
  return count === 0 ? null : `skipped ${count} unreadable line${count === 1 ? '' : 's'}`;
}
