/** What the main-thread benchmarks share: batches compared side by side, and a push as FXServer hands it to the handler. */

/** CPU time of this process in µs: unlike the wall clock, it leaves out the time other processes had the core. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export const BATCH = 500;
export const ROUNDS = 61;
export const WARMUP_ROUNDS = 10;

/**
 * µs of CPU per call of each function, run in alternating batches (the first is the reference), and the
 * median of each one's per-round ratio to the reference: the machine is shared, so only what is measured
 * side by side is compared. Batches spread timer resolution and garbage collection over many calls, so
 * what a call leaves for the collector counts against it. Each batch ends once the event loop has run
 * the promise callbacks its calls queued (a hub message's handling finishes in one), so they count
 * against it too and do not pile up, holding their messages, until the end of the measurement.
 */
export async function compareBatches(fns: (() => void)[]): Promise<{ micros: number; ratio: number }[]> {
  const times = fns.map((): number[] => []);
  const ratios = fns.map((): number[] => []);
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round += 1) {
    const perCall: number[] = [];
    for (const fn of fns) {
      const start = cpuMicros();
      for (let i = 0; i < BATCH; i += 1) fn();
      await new Promise(setImmediate);
      perCall.push((cpuMicros() - start) / BATCH);
    }
    if (round < WARMUP_ROUNDS) continue;
    perCall.forEach((micros, i) => {
      times[i]!.push(micros);
      ratios[i]!.push(micros / perCall[0]!);
    });
  }
  return fns.map((_, i) => ({ micros: median(times[i]!), ratio: median(ratios[i]!) }));
}

/**
 * POST /event with the body already buffered, so the data handler fires inside setDataHandler. FXServer
 * hands the handler a new string per request, decoded from the request's bytes on the main thread; the
 * body is decoded from its bytes per call here too (natively, so no dearer than FXServer's decoding).
 */
export function fxPost(body: string) {
  const bytes = Buffer.from(body);
  let status = 0;
  return {
    req: {
      address: '203.0.113.5:40000',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      method: 'POST',
      path: '/event',
      setDataHandler: (cb: (data: string) => void) => cb(bytes.toString('utf8')),
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
