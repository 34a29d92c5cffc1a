/**
 * Checks `Authorization: Bearer <token>` against SONORANCAD_ADMIN_TOKEN. Both sides are hashed first,
 * so the compare always runs over 32 bytes in constant time and reveals neither the token's contents
 * nor its length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type Compare = (a: Buffer, b: Buffer) => boolean;

const BEARER = /^Bearer +(\S+) *$/i;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** `compare` is injectable so a test can see that every check goes through it. */
export function createTokenCheck(token: string, compare: Compare = timingSafeEqual) {
  const expected = digest(token);
  return (authorization: string | undefined): boolean => {
    const given = BEARER.exec(authorization ?? '')?.[1] ?? '';
    // Compared even when the header is missing, so a refusal takes the same time whatever was sent.
    const equal = compare(digest(given), expected);
    return equal && given !== '';
  };
}
