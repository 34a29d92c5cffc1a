/** The key cut out of a push's text, for bodies too deep to write out again: the same value as parse, drop, stringify. */
import { describe, expect, it } from 'vitest';
import { keylessBody, withKey } from '../../src/core/forward/send/keyless-body';
import { withoutTopLevelKey } from '../../src/core/forward/send/keyless-text';

const CASES = [
  '{"key":"k","type":"T","data":{}}',
  '{"type":"T","key":"k"}',
  '{"type":"T", "key" : "k" , "data":[1,{"key":"inner"}]}',
  '{"key":"k"}',
  ' { "a":"}\\",{[" , "key":{"x":[1,2]}, "b":null } ',
  '{"k\\u0065y":"k","key":"again","type":"T"}',
  '{"type":"T","data":"no key here"}',
  '{}',
];

describe('withoutTopLevelKey', () => {
  for (const text of CASES) {
    it(`drops every top-level key of ${text}`, () => {
      const { key: _key, ...rest } = JSON.parse(text) as Record<string, unknown>;
      const out = withoutTopLevelKey(text);
      expect(JSON.parse(out)).toEqual(rest);
    });
  }
});

describe('keylessBody and withKey on a body too deep for JSON.stringify', () => {
  const depth = 100_000;
  const data = `${'['.repeat(depth)}"say KEY-1234-abcd"${']'.repeat(depth)}`;
  const raw = `{"type":"T","key":"key-1234-ABCD","data":${data}}`;

  it('cut the key out and mask its echoes, and put it back in front', () => {
    const keyless = keylessBody(raw, 'key-1234-ABCD');
    expect(keyless).toBe(`{"type":"T","data":${data.replace('KEY-1234-abcd', '[redacted]')}}`);
    const keyed = withKey(keyless, 'key-1234-ABCD');
    expect(keyed.startsWith('{"key":"key-1234-ABCD","type":"T","data":[[[')).toBe(true);
    expect(() => JSON.parse(keyed)).not.toThrow();
    expect(withKey('{ }', 'k')).toBe('{"key":"k"}');
  });
});
