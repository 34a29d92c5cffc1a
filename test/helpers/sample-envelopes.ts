/** Loads the Sonoran sample bodies in test/fixtures/sonoran as envelopes, with a test key. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Envelope, parseEnvelope } from '../../src/core/validate/envelope';

export const KEY = 'unit-test-key-3c9f17d2a8';
const dir = join(__dirname, '..', 'fixtures', 'sonoran');

export const fixtureFiles = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort();

export function fixtureBody(file: string): Record<string, unknown> {
  const body = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  return { ...body, key: KEY };
}

export function envelopeOf(body: Record<string, unknown>): Envelope {
  const result = parseEnvelope(JSON.stringify(body));
  if (!result.ok) throw new Error(result.message);
  return result.envelope;
}

export function fixture(file: string): Envelope {
  return envelopeOf(fixtureBody(file));
}

/** A body of `type` with `data`, keyed with the test key. */
export function push(type: string, data?: unknown, extra: Record<string, unknown> = {}): Envelope {
  return envelopeOf({ key: KEY, type, ...(data === undefined ? {} : { data }), ...extra });
}
