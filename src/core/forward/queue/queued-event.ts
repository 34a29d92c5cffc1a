/** One accepted push on its way to one or more targets. */

export interface QueuedEvent {
  /** Journal sequence number: unique, and increasing in arrival order. */
  readonly seq: number;
  /** The `webhook-id`: the same on every attempt, so receivers can deduplicate. */
  readonly id: string;
  /** Arrival time (ms); maxAgeSeconds counts from here. */
  readonly at: number;
  readonly type: string;
  /**
   * The push exactly as received when an `includeKey` target is owed it (those targets get these
   * bytes); otherwise already without its key, so the journal holds no key it does not need.
   */
  readonly raw: string;
  /** Names of the targets still owed this event. */
  readonly pending: Set<string>;
  /** Pushed out by the queue bounds while an attempt was in flight: dead-lettered unless that attempt succeeds. */
  evicted: boolean;
}
