/** The docs draw `data` as an array holding one object; every reader Sonoran ships reads an object. */
import { isPlainObject } from './fields';

/** `[ { … } ]` becomes `{ … }`; anything else is returned unchanged. */
export function unwrapData(data: unknown): unknown {
  return Array.isArray(data) && data.length === 1 && isPlainObject(data[0]) ? data[0] : data;
}
