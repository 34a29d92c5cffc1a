/** The Sonoran sample bodies (test/fixtures/sonoran), with the placeholder key swapped for a test key. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_KEY = 'test-key-6f1c2a9e4b';
const dir = join(__dirname, '..', 'fixtures', 'sonoran');

export const sampleFiles = readdirSync(dir).filter((name) => name.endsWith('.json'));

export function sample(file: string, key = TEST_KEY): Record<string, unknown> {
  const body = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  return { ...body, key };
}

export function sampleText(file: string, key = TEST_KEY): string {
  return JSON.stringify(sample(file, key));
}
