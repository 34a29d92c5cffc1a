/**
 * Runs changes one after another, in the order they were asked for: each reads config.json only after
 * the one before has written it, so two changes made at the same moment never overwrite each other.
 */
export interface SerialQueue {
  run<T>(job: () => T | Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(job) {
      const result = tail.then(job);
      // A failed job answers its own caller and does not stop the ones queued after it.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
