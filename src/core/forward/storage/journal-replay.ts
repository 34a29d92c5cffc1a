/**
 * On start, what the journal still owes goes back on the queue in its old order; what it owed targets
 * no longer configured goes to the dead letters. The journal is then rewritten with only that.
 */
import type { Logger } from '../../log';
import type { Backlog } from '../queue/backlog';
import type { Intake } from '../queue/intake';
import type { Journal } from './journal';
import type { Settlement } from './settlement';

export interface JournalReplayDeps {
  intake: Intake;
  backlog: Backlog;
  /** Whether a target is still configured. */
  configured(name: string): boolean;
  settle: Settlement['settle'];
  log: Logger;
}

export function replayJournal(journal: Journal, deps: JournalReplayDeps): void {
  const { events, damaged } = journal.load();
  if (damaged > 0)
    deps.log.warn(`Skipped ${damaged} unreadable journal line(s) (a write cut short by a crash).`);
  for (const owed of events) {
    const gone = [...owed.pending].filter((name) => !deps.configured(name));
    const event = deps.intake.restore(owed);
    for (const name of gone) deps.settle(event, { name }, 'target no longer configured');
  }
  if (events.length > 0) deps.log.info(`Replaying ${events.length} undelivered event(s) from the journal.`);
  journal.compact(deps.backlog.live());
}
