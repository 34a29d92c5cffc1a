/**
 * What a previous generation still owed goes back on the queue in its old order: from the journal at
 * start, or handed over in memory on `sonorancad reload`. What it owed targets no longer configured
 * goes to the dead letters, with one console line per such target.
 */
import type { Logger } from '../../log';
import type { Intake, Owed } from '../queue/intake';
import type { LoadedJournal } from './journal';
import { skippedLines } from './lines';
import type { Settlement } from './settlement';

export interface RestoreDeps {
  intake: Intake;
  /** Whether a target is still configured. */
  configured(name: string): boolean;
  settle: Settlement['settle'];
  log: Logger;
}

const GONE = 'target no longer configured';

/** `renumber`: the backlog already holds other events, so these join under new sequence numbers. */
export function restoreOwed(owed: Iterable<Owed>, renumber: boolean, deps: RestoreDeps): number {
  const gone = new Map<string, number>();
  let count = 0;
  for (const entry of owed) {
    count += 1;
    const event = deps.intake.restore(entry, renumber);
    for (const name of [...event.pending]) {
      if (deps.configured(name)) continue;
      deps.settle(event, { name }, GONE, true);
      gone.set(name, (gone.get(name) ?? 0) + 1);
    }
  }
  for (const [name, events] of gone) {
    deps.log.warn(`"${name}": ${events} undelivered event(s) moved to dead letters: ${GONE}.`);
  }
  return count;
}

export function replayJournal({ events, skipped }: LoadedJournal, late: boolean, deps: RestoreDeps): void {
  const unreadable = skippedLines(skipped);
  if (unreadable) deps.log.warn(`Journal: ${unreadable}; replaying the rest.`);
  if (events.length === 0) return;
  deps.log.info(`Replaying ${events.length} undelivered event(s) from the journal.`);
  restoreOwed(events, late, deps);
}
