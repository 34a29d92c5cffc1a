import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/dedupe/canonical-json';
import {
  createCrossTransportDedupe,
  DEDUPE_WINDOW_MS,
  type DedupeLimits,
  type Transport,
} from '../../src/core/dedupe/cross-transport';

const push = (n: number) => ({ key: 'K', type: 'EVENT_UNIT_STATUS', data: { identId: n, status: 'BUSY' } });

function rig(limits?: DedupeLimits) {
  let now = 0;
  const dedupe = createCrossTransportDedupe(() => now, limits);
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

  it('stays bounded in bytes, and keeps every arrival it has room for while its buffer grows', () => {
    const text = (n: number) => JSON.stringify({ n, pad: 'é'.repeat(n % 7) });
    const { arrive } = rig({ entries: 1_000, bytes: 4_000, initialBytes: 64 });
    for (let n = 0; n < 40; n += 1) arrive('http', text(n));
    // About 60 bytes each (UTF-16): all 40 fit in 4,000 once the buffer has grown from 64.
    for (let n = 39; n >= 0; n -= 1) expect(arrive('websocket', text(n))).toBe(true);
    for (let n = 40; n < 400; n += 1) arrive('http', text(n));
    expect(arrive('websocket', text(40))).toBe(false);
    expect(arrive('websocket', text(399))).toBe(true);
    // A text larger than the whole buffer is remembered as equal to nothing, and displaces nothing.
    const huge = JSON.stringify({ pad: 'x'.repeat(3_000) });
    expect(arrive('http', huge)).toBe(false);
    expect(arrive('websocket', huge)).toBe(false);
    expect(arrive('websocket', text(398))).toBe(true);
  });

  it('answers as a plain list of the last minute would, whatever the order, spacing and characters', () => {
    // Texts with characters UTF-16 stores in two units, and lone surrogates, in various layouts.
    const values = [
      '{"a":1}',
      '{ "a" : 1 }',
      '{"a":"\ud83d\ude91"}',
      '{"a":"🚑"}',
      '{"a":"\ud800"}',
      '[1,2]',
      '"x"',
    ];
    const op = fc.record({
      transport: fc.constantFrom<Transport>('http', 'websocket'),
      text: fc.constantFrom(...values),
      wait: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: DEDUPE_WINDOW_MS / 2 })),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        // Small buffer: the ring wraps and grows many times over.
        const { dedupe, arrive, wait } = rig({ entries: 2_000, bytes: 1 << 20, initialBytes: 16 });
        const model: { transport: Transport; at: number; value: string; matched: boolean }[] = [];
        let now = 0;
        for (const { transport, text, wait: ms } of ops) {
          wait(ms);
          now += ms;
          const value = JSON.stringify(JSON.parse(text));
          const recent = model.filter((a) => now - a.at <= DEDUPE_WINDOW_MS && !a.matched);
          const twin = recent.find((a) => a.transport !== transport && a.value === value);
          if (twin) twin.matched = true;
          else model.push({ transport, at: now, value, matched: false });
          expect(arrive(transport, text)).toBe(twin !== undefined);
          for (const side of ['http', 'websocket'] as const) {
            expect(dedupe.remembers(side)).toBe(
              model.some((a) => a.transport === side && !a.matched && now - a.at <= DEDUPE_WINDOW_MS),
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('in a full ring, finds every twin recent enough to be held and keeps each text intact', () => {
    const limit = 256;
    // Each HTTP value is new; a websocket arrival repeats an earlier one at most once, so its twin is
    // unambiguous. Texts of 17 to 37 UTF-16 units: the ring wraps every few arrivals.
    const step = fc.oneof(
      fc.record({ pad: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ back: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const { arrive } = rig({ entries: 2_000, bytes: limit, initialBytes: limit });
        const sent: { text: string; repeated: boolean }[] = [];
        /** Every remembered arrival's text, oldest first: what the ring holds a suffix of. */
        const remembered: string[] = [];
        for (const s of steps) {
          if ('pad' in s) {
            const text = JSON.stringify({ n: sent.length % 100, p: 'x'.repeat(s.pad) });
            if (sent.some((earlier) => earlier.text === text)) continue;
            expect(arrive('http', text)).toBe(false);
            sent.push({ text, repeated: false });
            remembered.push(text);
            continue;
          }
          const twin = sent.at(-s.back);
          if (!twin || twin.repeated) continue;
          twin.repeated = true;
          const since = remembered
            .slice(remembered.indexOf(twin.text))
            .reduce((bytes, text) => bytes + text.length * 2, 0);
          const found = arrive('websocket', twin.text);
          // Held for certain while what came since fits beside the largest text; gone once it cannot.
          if (since <= limit - 74) expect(found).toBe(true);
          if (since > limit) expect(found).toBe(false);
          if (!found) remembered.push(twin.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes one canonical text per value', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], a: { d: undefined, c: 1.5 } })).toBe(
      '{"a":{"c":1.5},"b":[1,"x",null,true]}',
    );
  });
});
