import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextRing } from '../../src/core/dedupe/text-ring';

const LIMITS = { texts: 50, bytes: 400, initialBytes: 16 };

/**
 * Against a list of what was pushed: the ring holds every text since some point, each read back
 * exactly, within its bounds, and lets none go that would have fitted beside the rest.
 */
function holdsTheNewest(text: fc.Arbitrary<string>, longest: number, limits = LIMITS) {
  // `longest` counts the two marks added below.
  const step = fc.oneof(
    { arbitrary: fc.record({ push: text }), weight: 5 },
    fc.record({ release: fc.nat({ max: 10 }) }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
      const ring = createTextRing(limits);
      const pushed: string[] = [];
      let released = 0;
      for (const s of steps) {
        if ('push' in s) {
          // Marked at both ends with its own letter, so a neighbour written over its edge shows.
          const mark = String.fromCharCode(0x41 + (pushed.length % 26));
          const text = `${mark}${s.push}${mark}`;
          expect(ring.push(text)).toBe(pushed.length);
          pushed.push(text);
        } else {
          released = Math.min(pushed.length, released + s.release);
          ring.releaseThrough(released - 1);
        }
        // What is held is every text since some point, each read back exactly.
        const held = pushed.map((_, id) => ring.read(id));
        const oldest = held.findIndex((value) => value !== null);
        if (oldest < 0) continue;
        expect(held.slice(oldest)).toEqual(pushed.slice(oldest));
        expect(oldest).toBeGreaterThanOrEqual(released);
        const bytes = pushed.slice(oldest).reduce((sum, value) => sum + value.length * 2, 0);
        expect(bytes).toBeLessThanOrEqual(limits.bytes);
        expect(pushed.length - oldest).toBeLessThanOrEqual(limits.texts);
        // Nothing was let go early: beside the rest, the text before the oldest would have left less
        // room than the longest text (what a wrap to the start may leave unused).
        if (oldest > released && pushed.length - oldest < limits.texts) {
          expect(bytes + pushed[oldest - 1]!.length * 2).toBeGreaterThan(limits.bytes - longest);
        }
      }
    }),
    { numRuns: 300 },
  );
}

describe('text ring', () => {
  it('holds the newest texts exactly, within its bounds, whatever their sizes and characters', () => {
    holdsTheNewest(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
        // Lone surrogates are kept as they are.
        fc.constantFrom('\ud800', 'a\udc00b', '🚑'),
      ),
      2 * 62,
    );
  });

  it('wraps and makes room to the byte, with texts of a few characters', () => {
    holdsTheNewest(fc.string({ minLength: 1, maxLength: 3 }), 2 * 5, {
      texts: 50,
      bytes: 40,
      initialBytes: 40,
    });
  });

  it('refuses an empty text and one larger than it can ever hold', () => {
    const ring = createTextRing(LIMITS);
    expect(ring.push('')).toBeNull();
    expect(ring.push('x'.repeat(201))).toBeNull();
    expect(ring.push('x'.repeat(200))).toBe(0);
    expect(ring.read(0)).toBe('x'.repeat(200));
    expect(ring.read(1)).toBeNull();
  });
});
