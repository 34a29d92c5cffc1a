/**
 * While the websocket reconnects the CAD may fall back to HTTP, so one push can arrive both ways. An
 * arrival equal (as a JSON value) to one from the other transport in the last minute is a duplicate, and
 * each arrival cancels at most one: two equal pushes on one transport stay two events. Values are only
 * compared while both transports are in use, so a server on one transport pays almost nothing.
 */
import { canonicalJson } from './canonical-json';

export type Transport = 'http' | 'websocket';

export const DEDUPE_WINDOW_MS = 60_000;
/** Bounds on what is remembered; the oldest arrivals are forgotten first. */
const MAX_ENTRIES = 2_000;
const MAX_CHARS = 8 * 1024 * 1024;

interface Arrival {
  transport: Transport;
  at: number;
  value: unknown;
  chars: number;
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
  readonly dropped: number;
}

export function createCrossTransportDedupe(now: () => number): CrossTransportDedupe {
  const arrivals: Arrival[] = [];
  let head = 0;
  let chars = 0;
  let dropped = 0;
  const live: Record<Transport, number> = { http: 0, websocket: 0 };

  const forget = () => {
    const arrival = arrivals[head++]!;
    chars -= arrival.chars;
    if (!arrival.matched) live[arrival.transport] -= 1;
    // Compact once the forgotten prefix dominates, keeping shifts amortised O(1).
    if (head > 1024 && head * 2 > arrivals.length) {
      arrivals.splice(0, head);
      head = 0;
    }
  };
  let unique = 0;
  const canonical = (arrival: Arrival) => {
    try {
      arrival.canonical ??= canonicalJson(arrival.value);
    } catch {
      // Nested too deeply to write out: equal to nothing, so never dropped.
      arrival.canonical = `\u0000${unique++}`;
    }
    return arrival.canonical;
  };

  return {
    isDuplicate(transport, value, size) {
      const at = now();
      while (head < arrivals.length && at - arrivals[head]!.at > DEDUPE_WINDOW_MS) forget();
      const arrival: Arrival = { transport, at, value, chars: size, canonical: null, matched: false };
      const other: Transport = transport === 'http' ? 'websocket' : 'http';
      if (live[other] > 0) {
        const text = canonical(arrival);
        for (let i = head; i < arrivals.length; i += 1) {
          const earlier = arrivals[i]!;
          if (earlier.matched || earlier.transport !== other || canonical(earlier) !== text) continue;
          earlier.matched = true;
          earlier.value = null;
          live[other] -= 1;
          dropped += 1;
          return true;
        }
      }
      arrivals.push(arrival);
      live[transport] += 1;
      chars += size;
      while (arrivals.length - head > MAX_ENTRIES || (chars > MAX_CHARS && arrivals.length - head > 1))
        forget();
      return false;
    },
    get dropped() {
      return dropped;
    },
  };
}
