/**
 * A target is done with an event: delivered, or given up on and written to the dead letters. Either
 * way the journal records it, and whoever waits on that event (a test) hears the outcome.
 */
import type { Logger } from '../../log';
import type { Timers } from '../../runtime';
import type { Target } from '../config';
import type { Backlog } from '../queue/backlog';
import type { QueuedEvent } from '../queue/queued-event';
import { keylessBody } from '../send/keyless-body';
import type { DeadLetter } from './dead-letters';
import type { ForwardStore } from './store';

export interface SettlementDeps {
  store: ForwardStore;
  backlog: Backlog;
  /** Kept out of dead letters. */
  apiKey: string;
  timers: Timers;
  log: Logger;
}

export interface Settlement {
  /**
   * `reason` null: delivered; otherwise why it was given up on. `quiet` when the cause is reported in
   * aggregate. The target may be one no longer configured.
   */
  settle(event: QueuedEvent, target: Pick<Target, 'name'>, reason: string | null, quiet?: boolean): void;
  /** Writes the settle records still waiting for the end of this turn (before the store closes). */
  flush(): void;
  /** `listener` hears how event `seq` settles until the returned function is called. */
  watch(seq: number, listener: (reason: string | null) => void): () => void;
}

export function createSettlement(deps: SettlementDeps): Settlement {
  const { store, backlog, log } = deps;
  const listeners = new Map<number, (reason: string | null) => void>();
  /** Targets done with each event in this turn: the journal gets one write per event, not one per target. */
  const done = new Map<QueuedEvent, { targets: string[]; released: boolean }>();

  const flush = () => {
    for (const [event, { targets, released }] of done)
      store.settle(event, targets, released ? backlog : null);
    done.clear();
  };

  /** Dead letters outlive the journal and never hold the key; a replay to an includeKey target adds it back. */
  function letter(event: QueuedEvent, target: string, reason: string): DeadLetter {
    const { id, at, type, raw } = event;
    return { id, at, type, target, reason, deadAt: deps.timers.now(), body: keylessBody(raw, deps.apiKey) };
  }

  return {
    settle(event, target, reason, quiet = false) {
      if (reason !== null) {
        store.deadLetter(letter(event, target.name, reason));
        if (!quiet) log.warn(`${target.name}: ${event.type} (${event.id}) moved to dead letters: ${reason}`);
      }
      const released = backlog.settle(event, target.name);
      const batch = done.get(event);
      if (batch) {
        batch.targets.push(target.name);
        batch.released ||= released;
      } else {
        if (done.size === 0) queueMicrotask(flush);
        done.set(event, { targets: [target.name], released });
      }
      listeners.get(event.seq)?.(reason);
    },
    flush,
    watch(seq, listener) {
      listeners.set(seq, listener);
      return () => listeners.delete(seq);
    },
  };
}
