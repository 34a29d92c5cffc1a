import { isArrayBuffer } from '../citizenfx/realm';

/**
 * The conversions FXServer's C++ applies to `res`/`req` arguments (msgpack `as<int>`, `as<std::string>`,
 * `as<std::map<…>>`). None is guarded: a mismatch throws msgpack::type_error and terminates the server.
 * Each check returns what went wrong, or null.
 */
const CRASH = 'msgpack::type_error, which terminates FXServer';
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value !== 'object') return typeof value;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  const ctor = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return `a ${typeof ctor === 'string' && ctor !== '' ? ctor : tag}`;
}

function isBodyData(value: unknown): value is string | ArrayBuffer {
  return typeof value === 'string' || isArrayBuffer(value);
}

export function statusProblem(status: unknown): string | null {
  if (typeof status === 'number' && Number.isInteger(status) && status >= INT32_MIN && status <= INT32_MAX) {
    if (status < 100 || status > 999) {
      return `res.writeHead(${status}): not a three-digit HTTP status; the response would be unreadable`;
    }
    return null;
  }
  return `res.writeHead(${describe(status)}): the status goes through as<int>, ${CRASH}`;
}

export function headersProblem(headers: unknown): string | null {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return `res.writeHead(status, ${describe(headers)}): headers go through as<std::map>, ${CRASH}`;
  }
  for (const [name, value] of Object.entries(headers)) {
    const ok =
      typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok) {
      return `res.writeHead: header ${JSON.stringify(name)} is ${describe(value)}; values go through as<std::string>, ${CRASH}`;
    }
  }
  return null;
}

export function bodyProblem(method: 'write' | 'send', argCount: number, data: unknown): string | null {
  if (argCount === 0) {
    return method === 'write' ? `res.write() with no data indexes an empty argument list, ${CRASH}` : null;
  }
  if (isBodyData(data)) return null;
  return `res.${method}(${describe(data)}): data must be a string or ArrayBuffer; it goes through as<std::string>, ${CRASH}`;
}

export function dataModeProblem(argCount: number, mode: unknown): string | null {
  if (argCount < 2 || typeof mode === 'string') return null;
  return `req.setDataHandler(cb, ${describe(mode)}): the mode goes through as<std::string>, ${CRASH}`;
}
