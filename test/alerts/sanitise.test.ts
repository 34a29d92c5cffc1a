/** CAD text on its way to a native: no markup survives, and every text component fits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, components } from '../../src/client/sanitise';

// Characters that build codes, mixed with ordinary and multi-byte text, so the generator finds collisions.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('~', '^', '<', '>', 'r', 'n', '1', '*', '_', '=', ' ', '/', '\n', '\u0007'),
    fc.constantFrom('é', '€', '😀'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 300,
});

describe('cleanText', () => {
  it('leaves no GTA code, chat code, tag or control character, and keeps to the limit', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 10, max: 200 }), (text, max) => {
        const clean = cleanText(text, max);
        expect(clean).not.toMatch(/[~<>]|\^[0-9*_=r]|\p{Cc}/u);
        expect(clean.length).toBeLessThanOrEqual(max);
        expect(clean).not.toMatch(/[\ud800-\udbff]$/);
      }),
    );
  });

  it('removes codes that an earlier removal brings together', () => {
    expect(cleanText('a^^11b ^~r~2c ^<b>3d ~<i>r~e', 100)).toBe('a1b c d re');
  });

  it('keeps ordinary text as it was', () => {
    expect(cleanText('Shots fired at 5th & Main, 2 suspects', 100)).toBe(
      'Shots fired at 5th & Main, 2 suspects',
    );
    expect(cleanText('~r~Red~s~ ^1alert^0 <b>now</b>', 100)).toBe('Red alert now');
    expect(cleanText('a'.repeat(50), 20)).toBe(`${'a'.repeat(17)}...`);
  });
});

describe('components', () => {
  it('splits into pieces of at most 99 UTF-8 bytes that join back to the text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const pieces = components(text);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(99);
          expect(piece.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
