/**
 * The release zip has no node_modules: every require left in the server and relay bundles must be a Node
 * built-in, except ws's two optional native add-ons, which ws loads inside try/catch and does without.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;
const OPTIONAL = ['bufferutil', 'utf-8-validate'];
/** A require that is the first statement of a try block. */
const requiredInTry = (name: string) =>
  new RegExp(`\\btry\\s*\\{\\s*(?:const|let|var)\\s+\\w+\\s*=\\s*require\\(\\s*["']${name}["']\\s*\\)`, 'g');

describe.each(['server.js', 'relay.js'])('dist/%s', (file) => {
  const code = readFileSync(join(__dirname, '..', '..', 'dist', file), 'utf8');
  const requires = [...code.matchAll(REQUIRE)].map((match) => match[1]!);

  it('requires only Node built-ins, apart from ws optional add-ons', () => {
    const packages = [...new Set(requires.filter((name) => !builtins.has(name)))];
    expect(packages.sort()).toEqual(OPTIONAL);
    expect(requires).toContain('node:http');
    // Proof the WebSocket library was bundled and scanned: its own requires are there.
    expect(requires).toContain('tls');
  });

  it.each(OPTIONAL)('loads %s only inside try/catch', (name) => {
    const all = requires.filter((required) => required === name).length;
    expect(all).toBeGreaterThan(0);
    expect([...code.matchAll(requiredInTry(name))]).toHaveLength(all);
  });
});
