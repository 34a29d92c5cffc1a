import { FatalServerCrash } from '../fxserver/fatal';
import type { AnyFunction } from './msgpack-clone';

/** The message of anything thrown, whichever realm its Error came from. */
export function errorText(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * Calls a function reference the way FXServer's `setCallRefFunction` wrapper does: a synchronous throw is
 * printed as `SCRIPT ERROR in call ref: …` and swallowed. A crash was already recorded where it happened.
 */
export function callRef(fn: AnyFunction, args: unknown[], log: (line: string) => void): unknown {
  try {
    return fn(...args);
  } catch (error) {
    if (!(error instanceof FatalServerCrash)) log(`SCRIPT ERROR in call ref: ${errorText(error)}`);
    return undefined;
  }
}
