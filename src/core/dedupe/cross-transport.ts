/**
 * While the websocket reconnects the CAD may fall back to HTTP, so one push can arrive both ways. An
 * arrival equal (as a JSON value) to one from the other transport in the last minute is a duplicate, and
 * each arrival cancels at most one: two equal pushes on one transport stay two events. Values are only
 * written out and indexed while both transports are in use, so a server on one transport pays almost
 * nothing, and one that gets both pays one canonical text and one map lookup per push.
 *
 * Arrivals are remembered in typed arrays, and their texts in a ring outside the JS heap (text-ring.ts),
 * read back and parsed only once the other transport is heard: a push remembered for a minute leaves
 * nothing per push for the collector.
 */
import { canonicalJson } from './canonical-json';
import { createTextRing } from './text-ring';

export type Transport = 'http' | 'websocket';

export const DEDUPE_WINDOW_MS = 60_000;

export interface DedupeLimits {
  /** Arrivals remembered at most; the oldest are forgotten first. */
  entries: number;
  /** Bytes of text remembered at most (two per UTF-16 code unit); past that, the oldest texts go. */
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
/** An arrival whose text could not be kept: equal to nothing. */
const NO_TEXT = -1;

export function createCrossTransportDedupe(
  now: () => number,
  limits: DedupeLimits = LIMITS,
): CrossTransportDedupe {
  // Arrival n (counted from the first) lives in slot n % entries while first <= n < next.
  const size = limits.entries;
  const transportOf = new Uint8Array(size);
  const arrivedAt = new Float64Array(size);
  /** The arrival's id in the text ring, or NO_TEXT. */
  const textIdOf = new Float64Array(size);
  const matched = new Uint8Array(size);
  /** Set for indexed arrivals only. */
  const canonicalOf: (string | null)[] = new Array(size).fill(null);
  let first = 0;
  let next = 0;
  /** Arrivals before this one are indexed (or forgotten). */
  let indexed = 0;
  /** Indexed arrivals by canonical text, oldest first. */
  const index = new Map<string, number[]>();
  const texts = createTextRing({ texts: size, bytes: limits.bytes, initialBytes: limits.initialBytes });
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
  const textOf = (slot: number) => (textIdOf[slot] === NO_TEXT ? null : texts.read(textIdOf[slot]!));
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
    if (textIdOf[slot] !== NO_TEXT) texts.releaseThrough(textIdOf[slot]!);
    first += 1;
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
      const textId = texts.push(text);
      // Arrivals whose texts made room for this one go with them: the byte bound holds for the index too.
      while (first < next && textIdOf[first % size] !== NO_TEXT && textIdOf[first % size]! < texts.oldest()) {
        forget();
      }
      const slot = next % size;
      transportOf[slot] = own;
      arrivedAt[slot] = at;
      textIdOf[slot] = textId ?? NO_TEXT;
      matched[slot] = 0;
      live[own]! += 1;
      next += 1;
      // Indexed now if every earlier arrival is: its canonical text is already at hand.
      if (key !== null && indexed === next - 1) addToIndex(indexed++, textId === null ? undefined : key);
      return false;
    },
    remembers: (transport) => live[transport === 'http' ? HTTP : WEBSOCKET]! > 0,
    get dropped() {
      return dropped;
    },
  };
}
