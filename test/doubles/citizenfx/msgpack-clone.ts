import { copyArrayBuffer, isArrayBuffer, type Realm } from './realm';

/**
 * What a value looks like after CitizenFX's msgpack round trip (main.js `pack`/`unpack`), which every
 * event argument, export call and net event goes through:
 * - `undefined` (also inside arrays and objects, key kept), symbols → `null`; `-0` → `0`;
 * - arrays → arrays (holes → `null`); `ArrayBuffer` → a copy;
 * - any other object → its own enumerable keys: Date, Map, Set → `{}`, Buffer/Uint8Array → `{"0":1,…}`;
 * - functions → whatever `mapFunction` makes of them (a callable reference, or a placeholder);
 * - bigint → throws, as msgpack-lite has no encoder for it; a cycle overflows the stack, as there.
 * `bytes` approximates the encoded size, for the large-event warning.
 */
export type AnyFunction = (...args: unknown[]) => unknown;
export type FunctionMapper = (fn: AnyFunction) => unknown;

export interface CloneResult {
  value: unknown;
  bytes: number;
}

const FUNCTION_REF_BYTES = 24;

function headerBytes(length: number, fix: number): number {
  if (length < fix) return 1;
  if (length < 0x10000) return 3;
  return 5;
}

function numberBytes(value: number): number {
  if (!Number.isInteger(value)) return 9;
  const magnitude = Math.abs(value);
  if (value >= -32 && value < 128) return 1;
  if (magnitude < 0x100) return 2;
  if (magnitude < 0x10000) return 3;
  if (magnitude < 0x100000000) return 5;
  return 9;
}

export function msgpackClone(input: unknown, realm: Realm, mapFunction: FunctionMapper): CloneResult {
  let bytes = 0;
  const ancestors = new Set<object>();

  const visit = (value: unknown): unknown => {
    switch (typeof value) {
      case 'undefined':
      case 'symbol':
        bytes += 1;
        return null;
      case 'boolean':
        bytes += 1;
        return value;
      case 'number':
        bytes += numberBytes(value);
        return Object.is(value, -0) ? 0 : value;
      case 'string': {
        const length = Buffer.byteLength(value);
        bytes += length + (length < 32 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5);
        return value;
      }
      case 'bigint':
        throw new TypeError('msgpack cannot encode a bigint');
      case 'function':
        bytes += FUNCTION_REF_BYTES;
        return mapFunction(value as AnyFunction);
    }
    if (value === null) {
      bytes += 1;
      return null;
    }
    const object = value as object;
    if (isArrayBuffer(object)) {
      bytes += object.byteLength + headerBytes(object.byteLength, 0x100);
      return copyArrayBuffer(new Uint8Array(object), realm);
    }
    if (ancestors.has(object)) throw new RangeError('Maximum call stack size exceeded (cyclic value)');
    ancestors.add(object);
    try {
      if (Array.isArray(object)) {
        bytes += headerBytes(object.length, 16);
        const out = new realm.Array();
        for (let i = 0; i < object.length; i++) out.push(visit(object[i]));
        return out;
      }
      const keys = Object.keys(object);
      bytes += headerBytes(keys.length, 16);
      const out = new realm.Object() as Record<string, unknown>;
      for (const key of keys) {
        visit(key);
        // defineProperty: a `__proto__` key must stay a plain key, as msgpack maps have no prototypes.
        Object.defineProperty(out, key, {
          value: visit((object as Record<string, unknown>)[key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    } finally {
      ancestors.delete(object);
    }
  };

  const value = visit(input);
  return { value, bytes };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Clones a value from realm `from` into realm `to`; functions become references that stay callable. */
export function cloneInto(value: unknown, to: Realm, from: Realm): unknown {
  return msgpackClone(value, to, (fn) => callableRef(fn, from, to)).value;
}

/**
 * A function living in realm `home`, made callable from realm `user` the way CitizenFX function
 * references are: arguments and result each cross by msgpack.
 */
export function callableRef(fn: AnyFunction, home: Realm, user: Realm): AnyFunction {
  return (...args: unknown[]) => {
    const result = fn(...(cloneInto(args, home, user) as unknown[]));
    if (isThenable(result)) {
      return new user.Promise((resolve, reject) => {
        result.then((settled) => resolve(cloneInto(settled, user, home)), reject);
      });
    }
    return cloneInto(result, user, home);
  };
}
