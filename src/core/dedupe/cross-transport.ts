/**
 * While the websocket reconnects the CAD may fall back to HTTP, so one push can arrive both ways. An
 * arrival equal (as a JSON value) to one from the other transport in the last minute is a duplicate, and
 * each arrival cancels at most one: two equal pushes on one transport stay two events. Values are only
 * written out and indexed while both transports are in use, so a server on one transport pays almost
 * nothing, and one that gets both pays one canonical text and one map lookup per push.
 */
import { canonicalJson } from './canonical-json';

export type Transport = 'http' | 'websocket';

export const DEDUPE_WINDOW_MS = 60_000;
/** Bounds on what is remembered; the oldest arrivals are forgotten first. */
const MAX_ENTRIES = 2_000;
const MAX_CHARS = 8 * 1024 * 1024;
/** Forgotten slots at the front of the list before it is compacted. */
const COMPACT_AFTER = 1_024;

interface Arrival {
  transport: Transport;
  at: number;
  value: unknown;
  chars: number;
  /** Set once the arrival is in the index. */
  canonical: string | null;
  /** Cancelled by a later arrival on the other transport. */
  matched: boolean;
}

export interface CrossTransportDedupe {
  /**
   * Records an arrival; true when it repeats one from the other transport (the caller drops it).
   * `chars` is the size of its JSON text, for the memory bound.
   */
  isDuplicate(transport: Transport, value: unknown, chars: number): boolean;
  /** Arrivals from `transport` are still remembered: a push from the other one may repeat them. */
  remembers(transport: Transport): boolean;
  readonly dropped: number;
}

export function createCrossTransportDedupe(now: () => number): CrossTransportDedupe {
  const arrivals: Arrival[] = [];
  let head = 0;
  /** Arrivals before this position are indexed (or forgotten). */
  let indexed = 0;
  /** Indexed arrivals by canonical text, oldest first. */
  const index = new Map<string, Arrival[]>();
  let chars = 0;
  let dropped = 0;
  let unique = 0;
  const live: Record<Transport, number> = { http: 0, websocket: 0 };

  const canonical = (value: unknown) => {
    try {
      return canonicalJson(value);
    } catch {
      // Nested too deeply to write out: equal to nothing, so never dropped.
      return `\u0000${unique++}`;
    }
  };
  const addToIndex = (arrival: Arrival) => {
    arrival.canonical ??= canonical(arrival.value);
    const bucket = index.get(arrival.canonical);
    if (bucket) bucket.push(arrival);
    else index.set(arrival.canonical, [arrival]);
  };
  const forget = () => {
    const arrival = arrivals[head]!;
    if (head < indexed) {
      const bucket = index.get(arrival.canonical!)!;
      bucket.shift();
      if (bucket.length === 0) index.delete(arrival.canonical!);
    }
    head += 1;
    chars -= arrival.chars;
    if (!arrival.matched) live[arrival.transport] -= 1;
    if (head > COMPACT_AFTER && head * 2 > arrivals.length) {
      arrivals.splice(0, head);
      indexed = Math.max(0, indexed - head);
      head = 0;
    }
  };

  return {
    isDuplicate(transport, value, size) {
      const at = now();
      while (head < arrivals.length && at - arrivals[head]!.at > DEDUPE_WINDOW_MS) forget();
      const arrival: Arrival = { transport, at, value, chars: size, canonical: null, matched: false };
      const other: Transport = transport === 'http' ? 'websocket' : 'http';
      if (live[other] > 0) {
        for (indexed = Math.max(indexed, head); indexed < arrivals.length; indexed += 1) {
          addToIndex(arrivals[indexed]!);
        }
        arrival.canonical = canonical(value);
        const twin = index.get(arrival.canonical)?.find((a) => !a.matched && a.transport === other);
        if (twin) {
          twin.matched = true;
          twin.value = null;
          live[other] -= 1;
          dropped += 1;
          return true;
        }
      }
      arrivals.push(arrival);
      if (arrival.canonical !== null && indexed === arrivals.length - 1) {
        addToIndex(arrival);
        indexed += 1;
      }
      live[transport] += 1;
      chars += size;
      while (arrivals.length - head > MAX_ENTRIES || (chars > MAX_CHARS && arrivals.length - head > 1))
        forget();
      return false;
    },
    remembers: (transport) => live[transport] > 0,
    get dropped() {
      return dropped;
    },
  };
}
