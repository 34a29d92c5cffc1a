import vm from 'node:vm';

/**
 * The intrinsics of one JS realm. Values handed to the script are built from the script's own realm,
 * so `instanceof Array`, `Object.getPrototypeOf(x) === Object.prototype` and friends behave as on FXServer.
 */
export interface Realm {
  readonly Object: ObjectConstructor;
  readonly Array: ArrayConstructor;
  readonly ArrayBuffer: ArrayBufferConstructor;
  readonly Uint8Array: Uint8ArrayConstructor;
  readonly Promise: PromiseConstructor;
}

export const hostRealm: Realm = { Object, Array, ArrayBuffer, Uint8Array, Promise };

/** Every global the context's own realm defines (Object, JSON, Intl, eval, …), read before anything shadows them. */
export function readIntrinsics(context: vm.Context): Map<string, unknown> {
  return vm.runInContext(
    'new Map(Object.getOwnPropertyNames(globalThis).map((name) => [name, globalThis[name]]))',
    context,
  ) as Map<string, unknown>;
}

export function realmOf(intrinsics: Map<string, unknown>): Realm {
  const pick = <T>(name: string) => intrinsics.get(name) as T;
  return {
    Object: pick('Object'),
    Array: pick('Array'),
    ArrayBuffer: pick('ArrayBuffer'),
    Uint8Array: pick('Uint8Array'),
    Promise: pick('Promise'),
  };
}

/** Realm-safe: `instanceof ArrayBuffer` is false for a buffer made in another context. */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

export function copyArrayBuffer(bytes: Uint8Array, realm: Realm): ArrayBuffer {
  const out = new realm.ArrayBuffer(bytes.byteLength);
  new realm.Uint8Array(out).set(bytes);
  return out;
}
