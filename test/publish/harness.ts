/** A publisher wired to fresh caches, recording every local event it fires and every log line. */

import { CallCache } from '../../src/core/cache/calls';
import { UnitCache } from '../../src/core/cache/units';
import { createLogger } from '../../src/core/log';
import { createPublisher } from '../../src/core/publish/publish';
import { createSubscribers, type Subscribers } from '../../src/core/publish/subscribers';
import type { Envelope } from '../../src/core/validate/envelope';
import { validatePush } from '../../src/core/validate/validate';
import { fixture } from '../helpers/sample-envelopes';

export type Emitted = [string, ...unknown[]];

export interface Harness {
  units: UnitCache;
  calls: CallCache;
  subscribers: Subscribers;
  lines: string[];
  /** Publishes each push in turn and returns the events the last one fired. */
  publish(...pushes: Array<string | Envelope>): Emitted[];
}

export function harness(emitHook?: (name: string) => void): Harness {
  const lines: string[] = [];
  const log = createLogger({ print: (line) => lines.push(line) });
  const units = new UnitCache();
  const calls = new CallCache();
  const subscribers = createSubscribers(log);
  let emitted: Emitted[] = [];
  const publisher = createPublisher({
    emit: (name, ...args) => {
      emitted.push([name, ...args]);
      emitHook?.(name);
    },
    units,
    calls,
    subscribers,
    log,
  });
  return {
    units,
    calls,
    subscribers,
    lines,
    publish(...pushes) {
      for (const push of pushes) {
        emitted = [];
        const envelope = typeof push === 'string' ? fixture(push) : push;
        publisher.publish(envelope, validatePush(envelope));
      }
      return emitted;
    },
  };
}
