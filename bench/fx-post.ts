/** What the main-thread benchmarks share: a median timer, and a push as FXServer hands it to the handler. */

export const ITERATIONS = 10_000;
export const WARMUP = 2_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Median microseconds of one call, after a warm-up. */
export function timeEach(fn: () => void): number {
  for (let i = 0; i < WARMUP; i += 1) fn();
  const samples: number[] = new Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i += 1) {
    const start = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return median(samples);
}

/** POST /event with the body already buffered, so the data handler fires inside setDataHandler. */
export function fxPost(body: string) {
  let status = 0;
  return {
    req: {
      address: '203.0.113.5:40000',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      method: 'POST',
      path: '/event',
      setDataHandler: (cb: (data: string) => void) => cb(body),
      setCancelHandler: () => {},
    },
    res: {
      writeHead: (code: number) => {
        status = code;
      },
      send: () => {},
    },
    /** The status the handler last wrote. */
    status: () => status,
  };
}
