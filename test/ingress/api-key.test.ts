import { describe, expect, it } from 'vitest';
import { createKeyVerifier } from '../../src/core/ingress/api-key';

describe('key verifier', () => {
  const verify = createKeyVerifier('AbC-123-secret');

  it('accepts the key in any case, as the official resource does', () => {
    expect(verify('AbC-123-secret')).toBe(true);
    expect(verify('abc-123-SECRET')).toBe(true);
  });

  it.each([['abc-123-secre'], ['abc-123-secret '], [''], [123], [null], [undefined], [['AbC-123-secret']]])(
    'refuses %j',
    (candidate) => {
      expect(verify(candidate)).toBe(false);
    },
  );
});
