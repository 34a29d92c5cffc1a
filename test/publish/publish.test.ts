import { describe, expect, it } from 'vitest';
import { CallCache } from '../../src/core/cache/calls';
import { UnitCache } from '../../src/core/cache/units';
import { createLogger } from '../../src/core/log';
import { createPublisher } from '../../src/core/publish/publish';
import { createSubscribers } from '../../src/core/publish/subscribers';
import { validatePush } from '../../src/core/validate/validate';
import { LocalEvents as E } from '../../src/shared/events';
import { fixture, fixtureFiles, KEY } from '../helpers/sample-envelopes';
import { harness } from './harness';

/** JSON-like all the way down: what survives msgpack unchanged (undefined reads as absent). */
function assertPlain(value: unknown, path = 'arg'): void {
  if (value === null || value === undefined) return;
  if (['string', 'boolean'].includes(typeof value)) return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), path).toBe(true);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) assertPlain(item, `${path}[${i}]`);
    return;
  }
  expect(Object.getPrototypeOf(value), `${path} is a plain object`).toBe(Object.prototype);
  for (const [name, item] of Object.entries(value as object)) assertPlain(item, `${path}.${name}`);
}

describe('publisher', () => {
  it('passes only plain JSON-like values to events, for every sample', () => {
    const h = harness();
    h.publish('EVENT_UNIT_LOGIN.object.json', 'EVENT_DISPATCH_NEW.object.json');
    for (const file of fixtureFiles) {
      for (const [name, ...args] of h.publish(file)) {
        expect(typeof name).toBe('string');
        assertPlain(args, `${file} ${name}`);
      }
    }
  });

  it('never passes the key to an event', () => {
    const h = harness();
    for (const file of fixtureFiles) expect(JSON.stringify(h.publish(file))).not.toContain(KEY);
  });

  it('applies state before emitting: a UnitLogin listener already finds the unit', () => {
    const units = new UnitCache();
    let cachedDuringEmit: unknown;
    const publisher = createPublisher({
      emit: (name) => {
        if (name === E.UnitLogin) cachedDuringEmit = units.get(12);
      },
      units,
      calls: new CallCache(),
      subscribers: createSubscribers(createLogger({ print: () => {} })),
      log: createLogger({ print: () => {} }),
    });
    const envelope = fixture('EVENT_UNIT_LOGIN.object.json');
    publisher.publish(envelope, validatePush(envelope));
    expect(cachedDuringEmit).toMatchObject({ id: 12 });
  });

  it('a throwing listener costs one line; the remaining events and subscribers still run', () => {
    const h = harness((name) => {
      if (name === E.EmergencyCacheUpdated) throw new Error('listener broke');
    });
    let subscriberRan = false;
    h.subscribers.subscribe('EVENT_911', () => {
      subscriberRan = true;
    });
    const emitted = h.publish('EVENT_911.object.json');
    expect(emitted.map(([name]) => name)).toEqual([E.EmergencyCacheUpdated, E.IncomingCadCall, E.Received]);
    expect(subscriberRan).toBe(true);
    expect(h.lines).toEqual([expect.stringContaining('listener broke')]);
  });

  it('never throws, even when the caches do', () => {
    const lines: string[] = [];
    const units = new UnitCache();
    units.set = () => {
      throw new Error('cache broke');
    };
    const publisher = createPublisher({
      emit: () => {},
      units,
      calls: new CallCache(),
      subscribers: createSubscribers(createLogger({ print: () => {} })),
      log: createLogger({ print: (line) => lines.push(line) }),
    });
    const envelope = fixture('EVENT_UNIT_LOGIN.object.json');
    expect(() => publisher.publish(envelope, validatePush(envelope))).not.toThrow();
    expect(lines).toEqual([expect.stringContaining('cache broke')]);
    expect(lines[0]).toContain('EVENT_UNIT_LOGIN');
  });
});
