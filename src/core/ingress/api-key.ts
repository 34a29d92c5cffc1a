/** Compares the pushed key with ours in constant time. */

export type KeyVerifier = (candidate: unknown) => boolean;

/**
 * Every character is compared, whatever differs first, so the time depends only on the lengths. The key's
 * length is not secret (Sonoran keys share one format); hashing both sides to hide it would cost more
 * than the rest of the request. Upper-cased like the official resource, which compares keys
 * case-insensitively.
 */
export function createKeyVerifier(expected: string): KeyVerifier {
  const want = expected.toUpperCase();
  return (candidate) => {
    if (typeof candidate !== 'string') return false;
    const got = candidate.toUpperCase();
    let diff = got.length ^ want.length;
    for (let i = 0; i < want.length; i += 1) diff |= (got.charCodeAt(i) | 0) ^ want.charCodeAt(i);
    return diff === 0;
  };
}
