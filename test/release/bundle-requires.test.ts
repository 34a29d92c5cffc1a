/**
 * The release zip has no node_modules: every require left in the server and relay bundles must be a Node
 * built-in (build.mjs bundles ws's optional native add-ons as modules that throw, which ws does without).
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

describe.each(['server.js', 'relay.js'])('dist/%s', (file) => {
  const code = readFileSync(join(__dirname, '..', '..', 'dist', file), 'utf8');
  const requires = [...code.matchAll(REQUIRE)].map((match) => match[1]!);

  it('requires only Node built-ins', () => {
    expect([...new Set(requires.filter((name) => !builtins.has(name)))]).toEqual([]);
    expect(requires).toContain('node:http');
    // Proof the WebSocket library was bundled and scanned: its own requires are there.
    expect(requires).toContain('tls');
  });
});
