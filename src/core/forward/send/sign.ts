/**
 * Standard Webhooks signatures: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret, space
 * separated, so a receiver can rotate secrets without downtime.
 */
import { nodeCrypto } from '../../node-crypto';

const SECRET_PREFIX = 'whsec_';
/** The spec asks for 24 to 64 random bytes. */
const MIN_SECRET_BYTES = 24;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type SigningKeys = readonly Buffer[];

/** One or more `whsec_…` secrets separated by spaces; throws with a message fit for the console. */
export function parseSigningSecrets(value: string): SigningKeys {
  const secrets = value.trim().split(/\s+/);
  return secrets.map((secret, index) => {
    const label = secrets.length > 1 ? `secret ${index + 1}` : 'the secret';
    if (!secret.startsWith(SECRET_PREFIX)) throw new Error(`${label} does not start with ${SECRET_PREFIX}`);
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (!BASE64.test(encoded)) throw new Error(`${label} is not base64 after ${SECRET_PREFIX}`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length < MIN_SECRET_BYTES) throw new Error(`${label} is shorter than ${MIN_SECRET_BYTES} bytes`);
    return key;
  });
}

/** `timestamp` in whole Unix seconds; `body` exactly as sent. */
export function signatureHeader(keys: SigningKeys, id: string, timestamp: number, body: string): string {
  return keys
    .map(
      (key) =>
        `v1,${nodeCrypto().createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')}`,
    )
    .join(' ');
}
