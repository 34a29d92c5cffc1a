import { describe, expect, it } from 'vitest';
import { registerPushExports } from '../../src/core/publish/exports';
import { harness } from './harness';

type Fn = (...args: unknown[]) => unknown;

function setup() {
  const h = harness();
  const registered = new Map<string, Fn>();
  registerPushExports((name, fn) => registered.set(name, fn as unknown as Fn), h);
  const call = (name: string, ...args: unknown[]) => {
    const fn = registered.get(name);
    if (!fn) throw new Error(`No such export ${name}`);
    return fn(...args);
  };
  return { h, registered, call };
}

describe('exports', () => {
  it('registers the cache readers and the subscription pair', () => {
    expect([...setup().registered.keys()].sort()).toEqual([
      'GetCallCache',
      'GetEmergencyCache',
      'GetUnitById',
      'GetUnitCache',
      'subscribe',
      'unsubscribe',
    ]);
  });

  it('reads the caches: units as an array, calls as objects keyed by id', () => {
    const { h, call } = setup();
    h.publish('EVENT_UNIT_LOGIN.object.json', 'EVENT_911.object.json', 'EVENT_DISPATCH_NEW.object.json');
    expect(call('GetUnitCache')).toEqual([expect.objectContaining({ id: 12, isDispatch: false })]);
    expect(call('GetEmergencyCache')).toEqual({ 1234: expect.objectContaining({ caller: 'John Doe' }) });
    expect(call('GetCallCache')).toEqual({
      1001: { dispatch_type: 'CALL_NEW', dispatch: expect.objectContaining({ title: 'Traffic Stop' }) },
    });
    expect(call('GetUnitById', 12)).toMatchObject({ id: 12 });
    expect(call('GetUnitById', '12')).toMatchObject({ id: 12 });
    expect(call('GetUnitById', 13)).toBeNull();
    expect(call('GetUnitById', '')).toBeNull();
  });

  it('subscribe returns an id that unsubscribe takes back', () => {
    const { h, call } = setup();
    const seen: unknown[] = [];
    const id = call('subscribe', 'event_unit_logout', (body: unknown) => seen.push(body));
    expect(typeof id).toBe('number');
    h.publish('EVENT_UNIT_LOGOUT.object.json');
    expect(seen).toEqual([{ type: 'EVENT_UNIT_LOGOUT', data: { identId: 12 } }]);
    expect(call('unsubscribe', id)).toBe(true);
    expect(call('unsubscribe', id)).toBe(false);
    h.publish('EVENT_UNIT_LOGOUT.object.json');
    expect(seen).toHaveLength(1);
  });

  it('subscribe rejects a call without a type and a function', () => {
    const { call } = setup();
    expect(() => call('subscribe', 'EVENT_911')).toThrow(TypeError);
    expect(() => call('subscribe', 5, () => {})).toThrow(TypeError);
  });
});
