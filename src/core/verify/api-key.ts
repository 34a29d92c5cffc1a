/** Compares the pushed key with ours in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';

// Hashing first gives equal-length buffers, so neither the length nor the content leaks through timing.
// Upper-cased like the official resource, which compares keys case-insensitively.
const digest = (key: string) => createHash('sha256').update(key.toUpperCase()).digest();

export type KeyVerifier = (candidate: unknown) => boolean;

export function createKeyVerifier(expected: string): KeyVerifier {
  const expectedDigest = digest(expected);
  return (candidate) => typeof candidate === 'string' && timingSafeEqual(digest(candidate), expectedDigest);
}
