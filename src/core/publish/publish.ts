/**
 * After the reply: applies a push to the caches, fires the official-compatible local events in order,
 * then `Received`, then the subscribers. Never throws: a failing listener costs one log line.
 */
import { LocalEvents } from '../../shared/events';
import { type Applied, applyToState, NOTHING_APPLIED } from '../cache/apply-push';
import type { CallCache } from '../cache/calls';
import type { UnitCache } from '../cache/units';
import type { Logger } from '../log';
import { clip, errorMessage } from '../text';
import type { Envelope } from '../validate/envelope';
import type { Validation } from '../validate/validate';
import { type LocalEmit, officialEvents } from './official-events';
import type { Subscribers } from './subscribers';

export interface PublisherDeps {
  emit: (name: string, ...args: unknown[]) => void;
  units: UnitCache;
  calls: CallCache;
  subscribers: Subscribers;
  log: Logger;
}

export interface Publisher {
  publish(envelope: Envelope, validation: Validation): void;
}

export function createPublisher(deps: PublisherDeps): Publisher {
  const { log } = deps;

  function emit(local: LocalEmit): void {
    try {
      deps.emit(...local);
    } catch (error) {
      log.warn(`A listener of ${local[0]} threw: ${errorMessage(error)}`);
    }
  }

  return {
    publish(envelope, validation) {
      try {
        const event = validation.understood ? validation.event : null;
        const applied: Applied = event ? applyToState(event, deps) : NOTHING_APPLIED;
        // msgpack turns undefined into null anyway; in-process listeners see the same.
        const data = envelope.data ?? null;
        for (const local of officialEvents(envelope.type, data, event, applied)) emit(local);
        // Type and data only: FXServer serialises every argument, and listeners have the typed events.
        emit([LocalEvents.Received, envelope.type, data]);
        deps.subscribers.run(envelope.type, event?.type ?? null, envelope.body);
      } catch (error) {
        log.error(`Publishing a ${clip(envelope.type, 64)} push failed: ${errorMessage(error)}`);
      }
    },
  };
}
