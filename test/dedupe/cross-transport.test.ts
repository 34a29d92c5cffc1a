import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/dedupe/canonical-json';
import { createCrossTransportDedupe, DEDUPE_WINDOW_MS } from '../../src/core/dedupe/cross-transport';

const push = (n: number) => ({ key: 'K', type: 'EVENT_UNIT_STATUS', data: { identId: n, status: 'BUSY' } });

function rig() {
  let now = 0;
  const dedupe = createCrossTransportDedupe(() => now);
  const arrive = (transport: 'http' | 'websocket', value: unknown) =>
    dedupe.isDuplicate(transport, typeof value === 'string' ? value : JSON.stringify(value));
  return { dedupe, arrive, wait: (ms: number) => (now += ms) };
}

describe('cross-transport duplicates', () => {
  it('drops a websocket push that already came over HTTP, and the reverse', () => {
    const { dedupe, arrive } = rig();
    expect(arrive('http', push(1))).toBe(false);
    expect(arrive('websocket', push(1))).toBe(true);
    expect(arrive('websocket', push(2))).toBe(false);
    expect(arrive('http', push(2))).toBe(true);
    expect(dedupe.dropped).toBe(2);
  });

  it('compares JSON values: key order and spacing do not matter', () => {
    const { arrive } = rig();
    arrive('http', '{ "type": "EVENT_911", "key": "K", "data": {"b": 1, "a": [1, {"y": 2, "x": 1}]} }');
    expect(arrive('websocket', { key: 'K', data: { a: [1, { x: 1, y: 2 }], b: 1 }, type: 'EVENT_911' })).toBe(
      true,
    );
  });

  it('keeps two equal pushes on one transport as two events', () => {
    const { arrive } = rig();
    expect(arrive('websocket', push(1))).toBe(false);
    expect(arrive('websocket', push(1))).toBe(false);
  });

  it('lets each arrival cancel at most one from the other transport', () => {
    const { arrive } = rig();
    arrive('http', push(1));
    arrive('http', push(1));
    expect(arrive('websocket', push(1))).toBe(true);
    expect(arrive('websocket', push(1))).toBe(true);
    expect(arrive('websocket', push(1))).toBe(false);
    // The third websocket arrival is now the one waiting for an HTTP twin.
    expect(arrive('http', push(1))).toBe(true);
  });

  it('finds a twin among many, after either transport went quiet and came back', () => {
    const { arrive, wait } = rig();
    for (let n = 0; n < 500; n += 1) arrive('http', push(n));
    expect(arrive('websocket', push(250))).toBe(true);
    expect(arrive('websocket', push(1_000))).toBe(false);
    for (let n = 500; n < 600; n += 1) arrive('http', push(n));
    expect(arrive('websocket', push(599))).toBe(true);
    expect(arrive('http', push(1_000))).toBe(true);
    wait(DEDUPE_WINDOW_MS + 1);
    expect(arrive('websocket', push(599))).toBe(false);
    expect(arrive('http', push(599))).toBe(true);
  });

  it('forgets arrivals older than a minute', () => {
    const { arrive, wait } = rig();
    arrive('http', push(1));
    wait(DEDUPE_WINDOW_MS + 1);
    expect(arrive('websocket', push(1))).toBe(false);
  });

  it('stays bounded: the oldest arrivals are forgotten first', () => {
    const { arrive } = rig();
    arrive('http', push(0));
    for (let n = 1; n <= 5_000; n += 1) arrive('http', push(n));
    expect(arrive('websocket', push(0))).toBe(false);
    expect(arrive('websocket', push(5_000))).toBe(true);
  });

  it('writes one canonical text per value', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], a: { d: undefined, c: 1.5 } })).toBe(
      '{"a":{"c":1.5},"b":[1,"x",null,true]}',
    );
  });
});
