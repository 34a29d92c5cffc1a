import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createTokenCheck } from '../../src/standalone/admin-token';

const TOKEN = 'a-long-admin-token-0123456789';

describe('admin token check', () => {
  it('accepts the bearer token and nothing else', () => {
    const check = createTokenCheck(TOKEN);
    expect(check(`Bearer ${TOKEN}`)).toBe(true);
    expect(check(`bearer ${TOKEN}`)).toBe(true);
    for (const header of [
      undefined,
      '',
      'Bearer',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      TOKEN,
    ]) {
      expect(check(header)).toBe(false);
    }
  });

  it('every check is one constant-time compare of two equal-length digests', () => {
    const compare = vi.fn(timingSafeEqual);
    const check = createTokenCheck(TOKEN, compare);
    const headers = [undefined, 'Bearer x', `Bearer ${TOKEN}`, `Bearer ${'y'.repeat(5000)}`];
    const results = headers.map((header) => check(header));
    expect(results).toEqual([false, false, true, false]);
    expect(compare).toHaveBeenCalledTimes(headers.length);
    for (const [a, b] of compare.mock.calls) {
      expect(a).toHaveLength(32);
      expect(b).toHaveLength(32);
    }
  });

  it("the answer is the compare's: no early exit on the way", () => {
    expect(createTokenCheck(TOKEN, () => false)(`Bearer ${TOKEN}`)).toBe(false);
    expect(createTokenCheck(TOKEN, () => true)('Bearer wrong')).toBe(true);
  });
});
