/**
 * Where events join the queue: numbered in arrival order, recorded (the journal) before any lane has
 * them, counted in the backlog, handed to each target's lane, then the bounds enforced.
 */
import { nodeCrypto } from '../../node-crypto';
import type { Backlog } from './backlog';
import type { Lane } from './lane';
import type { Overflow } from './overflow';
import type { QueuedEvent } from './queued-event';

export interface Intake {
  /** A new event for `targets`, each of which has a lane; `id` is given when an event is sent again. */
  add(at: number, type: string, targets: readonly string[], raw: string, id?: string): QueuedEvent;
  /**
   * An event a previous run or generation still owed, handed to the lanes there are, under its own
   * number unless `renumber` (it joins a backlog that already has others); the bounds wait until the
   * whole backlog is back.
   */
  restore(owed: Owed, renumber?: boolean): QueuedEvent;
}

/** An event still owed to `pending`, as the journal or the previous generation holds it. */
export type Owed = Omit<QueuedEvent, 'evicted'>;

export function createIntake(
  backlog: Backlog,
  lanes: ReadonlyMap<string, Lane>,
  overflow: Overflow,
  record: (event: QueuedEvent) => void,
): Intake {
  let nextSeq = 1;
  return {
    add(at, type, targets, raw, id) {
      const event: QueuedEvent = {
        seq: nextSeq++,
        id: id ?? `msg_${nodeCrypto().randomUUID().replaceAll('-', '')}`,
        at,
        type,
        raw,
        pending: new Set(targets),
        evicted: false,
      };
      record(event);
      backlog.add(event);
      for (const name of targets) lanes.get(name)!.push(event);
      overflow.enforce();
      return event;
    },
    restore(owed, renumber = false) {
      const seq = renumber ? nextSeq++ : owed.seq;
      nextSeq = Math.max(nextSeq, seq + 1);
      const event: QueuedEvent = { ...owed, seq, pending: new Set(owed.pending), evicted: false };
      backlog.add(event);
      for (const name of event.pending) lanes.get(name)?.push(event);
      return event;
    },
  };
}
