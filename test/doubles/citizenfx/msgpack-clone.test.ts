import { describe, expect, it } from 'vitest';
import { callableRef, msgpackClone } from './msgpack-clone';
import { hostRealm } from './realm';

const clone = (value: unknown) => msgpackClone(value, hostRealm, () => '[function]').value;

describe('msgpackClone', () => {
  it('turns -0 into 0 and symbols into null, and copies ArrayBuffers', () => {
    const buffer = new Uint8Array([1, 2]).buffer;
    const out = clone({ zero: -0, symbol: Symbol('s'), buffer }) as { zero: number; buffer: ArrayBuffer };
    expect(Object.is(out.zero, 0)).toBe(true);
    expect(out).toMatchObject({ symbol: null });
    expect(out.buffer).not.toBe(buffer);
    expect([...new Uint8Array(out.buffer)]).toEqual([1, 2]);
  });

  it('keeps a __proto__ key as data and drops prototypes', () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const out = clone(source) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    class Point {
      constructor(readonly x: number) {}
      get double() {
        return this.x * 2;
      }
    }
    expect(clone(new Point(2))).toEqual({ x: 2 });
  });

  it('throws on bigint and on cycles, but copies shared references', () => {
    expect(() => clone(1n)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => clone(cyclic)).toThrow(RangeError);
    const shared = { a: 1 };
    expect(clone([shared, shared])).toEqual([{ a: 1 }, { a: 1 }]);
  });

  it('roughly sizes the encoded payload', () => {
    expect(msgpackClone('x'.repeat(1_000_000), hostRealm, () => null).bytes).toBeGreaterThanOrEqual(
      1_000_000,
    );
    expect(msgpackClone([1, true, null], hostRealm, () => null).bytes).toBe(4);
  });
});

describe('callableRef', () => {
  it('clones arguments in and the result out', () => {
    const seen: unknown[] = [];
    const ref = callableRef(
      (value) => {
        seen.push(value);
        return { when: new Date(0) };
      },
      hostRealm,
      hostRealm,
    );
    expect(ref({ gone: undefined })).toEqual({ when: {} });
    expect(seen).toEqual([{ gone: null }]);
  });
});
