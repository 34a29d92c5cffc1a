/**
 * node:crypto, loaded when first needed (an event id, a signature, a temporary file name) rather than
 * at start: loading it adds ~6 ms to every resource start, and many servers never need it.
 */
import type * as NodeCrypto from 'node:crypto';

let loaded: typeof NodeCrypto | undefined;

export function nodeCrypto(): typeof NodeCrypto {
  loaded ??= require('node:crypto') as typeof NodeCrypto;
  return loaded;
}
