import { describe, expect, it } from 'vitest';
import { parseEnvelope, typeProblem } from '../../src/core/validate/envelope';

describe('envelope', () => {
  it("upper-cases and trims the type, unwraps the docs' one-element data, keeps the raw body", () => {
    const raw = '{"key":"k","type":" event_911 ","data":[{"a":1}]}';
    const result = parseEnvelope(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.envelope.type).toBe('EVENT_911');
    expect(result.envelope.data).toEqual({ a: 1 });
    expect(result.envelope.body.data).toEqual([{ a: 1 }]);
    expect(result.envelope.raw).toBe(raw);
    expect(typeProblem(result.envelope)).toBeNull();
  });

  it('leaves any other data as sent', () => {
    for (const data of [[{ a: 1 }, { b: 2 }], [1], { a: 1 }]) {
      const result = parseEnvelope(JSON.stringify({ type: 'X', data }));
      expect(result.ok && result.envelope.data).toEqual(data);
    }
  });

  it.each([
    ['{', 'malformed-json'],
    ['[1,2]', 'not-an-object'],
    ['"x"', 'not-an-object'],
    ['null', 'not-an-object'],
  ])('%s → %s', (raw, problem) => {
    const result = parseEnvelope(raw);
    expect(result.ok ? null : result.problem).toBe(problem);
  });

  it.each([['{"key":"k"}'], ['{"key":"k","type":5}'], ['{"key":"k","type":"  "}']])(
    'names the type problem in %s',
    (raw) => {
      const result = parseEnvelope(raw);
      if (!result.ok) throw new Error('expected an object');
      expect(typeProblem(result.envelope)).toMatch(/type/);
    },
  );
});
