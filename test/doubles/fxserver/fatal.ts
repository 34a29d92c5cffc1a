/**
 * Something that would take the whole FXServer process down (an unguarded msgpack conversion in C++),
 * or that the double cannot stand in for. Tests must never pass while one of these is recorded.
 */
export class FatalServerCrash extends Error {
  override readonly name = 'FatalServerCrash';
}

/** Records a crash and returns it, so callers can `throw crash(...)` and stop the script there. */
export type CrashReporter = (message: string) => FatalServerCrash;
