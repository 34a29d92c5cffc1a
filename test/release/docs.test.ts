/** The configuration tables in the docs are the schema's own words: regenerated here, they must match. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { END, generate, PAGE, README, rows, START, table } from '../../scripts/config-docs';
import { setting } from '../../src/core/config/setting';
import { ROOT } from './release-zip';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('the configuration docs', () => {
  it.each([README, PAGE])('%s is up to date with the config schema', (file) => {
    const expected = generate(read).get(file);
    expect(read(file), `${file} does not match src/core/config/schema.ts: run \`npm run docs\``).toBe(
      expected,
    );
  });

  it('a stale table is caught', () => {
    const stale = (file: string) => read(file).replace('| `debug` |', '| `verbose` |');
    expect(stale(README)).not.toBe(read(README));
    expect(generate(stale).get(README)).toBe(read(README));
  });

  it('lists nested settings as dotted keys, with type, default and meaning', () => {
    const readme = read(README);
    const table = readme.slice(readme.indexOf(START), readme.indexOf(END));
    expect(table).toContain(
      '| `authFailures.limit` | integer ≥ 1 | `10` | Failed keys from one address before it is blocked. |',
    );
    expect(table).toContain('| `maxBodyBytes` | integer 1024 to 5242880 | `262144` (256 KiB) |');
    expect(read(PAGE)).toContain('| `forwarding.targets[].url` | URL | required |');
  });

  it('refuses a setting without a description', () => {
    const schema = z.object({ cache: z.prefault(z.object({ size: z._default(z.number(), 1) }), {}) });
    expect(() => rows(schema)).toThrow('cache.size has no description');
  });

  it('escapes what would break a table cell', () => {
    const schema = z.object({ command: setting(z.string(), 'x', 'Use /<name> on|off.') });
    expect(table(rows(schema)).split('\n')[2]).toBe(
      '| `command` | text | `"x"` | Use /&lt;name&gt; on\\|off. |',
    );
  });
});
