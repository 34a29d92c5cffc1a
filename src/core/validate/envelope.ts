/** The outer shape every push shares: `{ key, type, data }`, checked before anything reads further. */
import { isPlainObject } from '../json';
import { errorMessage } from '../text';

export interface Envelope {
  /** The community API key as sent; only ingress/api-key.ts reads it. */
  readonly key: unknown;
  /** Upper-cased and trimmed: the official resource matches types case-insensitively. */
  readonly type: string;
  /** `data` as received, except that the docs' one-element array `[ { … } ]` arrives as its object. */
  readonly data: unknown;
  /** The whole parsed body (some types carry fields beside `data`, e.g. GET_LOGS' `logKey`). */
  readonly body: Readonly<Record<string, unknown>>;
  /** The body bytes as received, for forwarding unchanged. */
  readonly raw: string;
}

export type EnvelopeResult =
  | { ok: true; envelope: Envelope }
  | { ok: false; problem: 'malformed-json' | 'not-an-object' | 'missing-type'; message: string };

export function parseEnvelope(raw: string): EnvelopeResult {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    return {
      ok: false,
      problem: 'malformed-json',
      message: `Body is not valid JSON: ${errorMessage(error)}`,
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      problem: 'not-an-object',
      message: 'Body must be a JSON object with key, type and data.',
    };
  }
  return { ok: true, envelope: envelopeOf(body as Record<string, unknown>, raw) };
}

/** An envelope around a body that is already parsed (a hub push sent as an object). */
export function envelopeOf(body: Record<string, unknown>, raw: string): Envelope {
  return {
    key: body.key,
    type: typeof body.type === 'string' ? body.type.trim().toUpperCase() : '',
    data: unwrapData(body.data),
    body,
    raw,
  };
}

/** Checked after the key, so an unauthenticated caller learns nothing about the schema. */
export function typeProblem(envelope: Envelope): string | null {
  const declared = envelope.body.type;
  if (declared === undefined) return 'Missing "type": expected a string such as "EVENT_911".';
  if (typeof declared !== 'string' || envelope.type === '') return '"type" must be a non-empty string.';
  return null;
}

/** The docs draw `data` as an array holding one object; every reader Sonoran ships reads an object. */
function unwrapData(data: unknown): unknown {
  return Array.isArray(data) && data.length === 1 && isPlainObject(data[0]) ? data[0] : data;
}
