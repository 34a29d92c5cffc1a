/**
 * While the websocket reconnects the CAD may fall back to HTTP, so one push can arrive both ways. An
 * arrival equal (as a JSON value) to one from the other transport in the last minute is a duplicate, and
 * each arrival cancels at most one: two equal pushes on one transport stay two events. Values are only
 * written out and indexed while both transports are in use, so a server on one transport pays almost
 * nothing, and one that gets both pays one canonical text and one map lookup per push.
 *
 * Arrivals are remembered in a ring: typed arrays for their transport, time and place, and their JSON
 * text as UTF-16 code units (a plain copy, unlike UTF-8's encoding) in one buffer outside the JS heap,
 * read back and parsed only once the other transport is heard.
 * A push kept for a minute thus allocates nothing the collector must copy between generations or trace:
 * kept as strings, the texts cost more than the rest of a push's handling when pushes come fast.
 */
import { canonicalJson } from './canonical-json';

export type Transport = 'http' | 'websocket';

export const DEDUPE_WINDOW_MS = 60_000;

export interface DedupeLimits {
  /** Arrivals remembered at most; the oldest are forgotten first. */
  entries: number;
  /** Bytes of text remembered at most (two per UTF-16 code unit). */
  bytes: number;
  /** The text buffer's first size; it doubles, up to `bytes`, while the window holds more. */
  initialBytes: number;
}

const LIMITS: DedupeLimits = { entries: 2_000, bytes: 16 * 1024 * 1024, initialBytes: 64 * 1024 };

export interface CrossTransportDedupe {
  /**
   * Records an arrival, given as its JSON text; true when it repeats one from the other transport (the
   * caller drops it).
   */
  isDuplicate(transport: Transport, text: string): boolean;
  /** Arrivals from `transport` are still remembered: a push from the other one may repeat them. */
  remembers(transport: Transport): boolean;
  readonly dropped: number;
}

const HTTP = 0;
const WEBSOCKET = 1;
/** An arrival whose text did not fit: equal to nothing. */
const NO_TEXT = -1;

export function createCrossTransportDedupe(
  now: () => number,
  limits: DedupeLimits = LIMITS,
): CrossTransportDedupe {
  // Arrival n (counted from the first) lives in slot n % entries while first <= n < next.
  const size = limits.entries;
  const transportOf = new Uint8Array(size);
  const arrivedAt = new Float64Array(size);
  const offsetOf = new Int32Array(size);
  const lengthOf = new Int32Array(size);
  const matched = new Uint8Array(size);
  /** Set for indexed arrivals only. */
  const canonicalOf: (string | null)[] = new Array(size).fill(null);
  let first = 0;
  let next = 0;
  /** Arrivals before this one are indexed (or forgotten). */
  let indexed = 0;
  /** Indexed arrivals by canonical text, oldest first. */
  const index = new Map<string, number[]>();
  /** Created on the first arrival: a server that never remembers one never holds it. */
  let bytes: Buffer | null = null;
  /** Where the next text goes; texts are laid out in arrival order, wrapping to 0 when one does not fit. */
  let writeAt = 0;
  let dropped = 0;
  let unique = 0;
  const live = [0, 0];

  const canonical = (text: string) => {
    try {
      return canonicalJson(JSON.parse(text));
    } catch {
      // Nested too deeply to write out: equal to nothing, so never dropped.
      return `\u0000${unique++}`;
    }
  };
  const textOf = (slot: number) =>
    offsetOf[slot] === NO_TEXT
      ? null
      : bytes!.toString('utf16le', offsetOf[slot], offsetOf[slot]! + lengthOf[slot]!);
  const addToIndex = (arrival: number, known?: string) => {
    const slot = arrival % size;
    const text = known === undefined ? textOf(slot) : null;
    const key = known ?? (text === null ? `\u0000${unique++}` : canonical(text));
    canonicalOf[slot] = key;
    const bucket = index.get(key);
    if (bucket) bucket.push(arrival);
    else index.set(key, [arrival]);
  };
  const forget = () => {
    const slot = first % size;
    if (first < indexed) {
      const key = canonicalOf[slot]!;
      const bucket = index.get(key)!;
      bucket.shift();
      if (bucket.length === 0) index.delete(key);
      canonicalOf[slot] = null;
    }
    if (!matched[slot]) live[transportOf[slot]!]! -= 1;
    first += 1;
  };

  /** Moves the remembered texts, in order, to the start of a buffer twice the size. */
  const grow = () => {
    const larger = Buffer.allocUnsafeSlow(Math.min(limits.bytes, bytes!.length * 2));
    writeAt = 0;
    for (let arrival = first; arrival < next; arrival += 1) {
      const slot = arrival % size;
      if (offsetOf[slot] === NO_TEXT) continue;
      bytes!.copy(larger, writeAt, offsetOf[slot], offsetOf[slot]! + lengthOf[slot]!);
      offsetOf[slot] = writeAt;
      writeAt += lengthOf[slot]!;
    }
    bytes = larger;
  };

  /** Where a text of `length` bytes can go, after growing the buffer or forgetting the oldest to make room. */
  const place = (length: number): number => {
    if (length === 0 || length > limits.bytes) return NO_TEXT;
    bytes ??= Buffer.allocUnsafeSlow(Math.min(limits.bytes, Math.max(limits.initialBytes, length)));
    for (;;) {
      let oldest = first;
      while (oldest < next && offsetOf[oldest % size] === NO_TEXT) oldest += 1;
      if (oldest === next) writeAt = 0;
      const held = oldest === next ? bytes.length : offsetOf[oldest % size]!;
      // Texts are held from `held` up to writeAt, or, once they wrapped, from `held` to the end and
      // from 0 up to writeAt (then held >= writeAt: equal means full).
      const wrapped = oldest < next && held >= writeAt;
      const end = wrapped ? held : bytes.length;
      if (writeAt + length <= end) {
        writeAt += length;
        return writeAt - length;
      }
      if (!wrapped && length <= held) {
        writeAt = length;
        return 0;
      }
      if (bytes.length < limits.bytes) grow();
      else forget();
    }
  };

  return {
    isDuplicate(transport, text) {
      const at = now();
      while (first < next && at - arrivedAt[first % size]! > DEDUPE_WINDOW_MS) forget();
      const own = transport === 'http' ? HTTP : WEBSOCKET;
      const other = 1 - own;
      let key: string | null = null;
      if (live[other]! > 0) {
        for (indexed = Math.max(indexed, first); indexed < next; indexed += 1) addToIndex(indexed);
        key = canonical(text);
        const twin = index
          .get(key)
          ?.find((arrival) => !matched[arrival % size] && transportOf[arrival % size] === other);
        if (twin !== undefined) {
          matched[twin % size] = 1;
          live[other]! -= 1;
          dropped += 1;
          return true;
        }
      }
      while (next - first >= size) forget();
      const length = text.length * 2;
      const offset = place(length);
      const slot = next % size;
      if (offset !== NO_TEXT) bytes!.write(text, offset, length, 'utf16le');
      transportOf[slot] = own;
      arrivedAt[slot] = at;
      offsetOf[slot] = offset;
      lengthOf[slot] = length;
      matched[slot] = 0;
      live[own]! += 1;
      next += 1;
      // Indexed now if every earlier arrival is: its canonical text is already at hand.
      if (key !== null && indexed === next - 1) addToIndex(indexed++, offset === NO_TEXT ? undefined : key);
      return false;
    },
    remembers: (transport) => live[transport === 'http' ? HTTP : WEBSOCKET]! > 0,
    get dropped() {
      return dropped;
    },
  };
}
