/**
 * The release zip has no node_modules: every require left in the server and relay bundles must be a Node
 * built-in, or one of the packages build.mjs leaves out because nothing ever loads them.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import NEVER_LOADED from '../../scripts/never-loaded.json';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
// The SignalR client is embedded as a string (build.mjs), so its requires appear with escaped quotes.
const REQUIRE = /\brequire\(\s*\\?["']([^"'\\]+)\\?["']\s*\)/g;

describe.each(['server.js', 'relay.js'])('dist/%s', (file) => {
  it('requires only Node built-ins and packages that are never loaded', () => {
    const code = readFileSync(join(__dirname, '..', '..', 'dist', file), 'utf8');
    // @microsoft/signalr's indirect form, which esbuild cannot follow (build.mjs rewrites it).
    expect(code).not.toMatch(/\brequireFunc\(\s*\\?["']/);
    const required = new Set([...code.matchAll(REQUIRE)].map((match) => match[1]!));
    const packages = [...required].filter((name) => !builtins.has(name));
    expect(packages.sort()).toEqual(packages.filter((name) => NEVER_LOADED.includes(name)).sort());
    expect(required.has('node:http')).toBe(true);
    // Proof the embedded client was scanned: its WebSocket library's own requires are there.
    expect(required.has('tls')).toBe(true);
  });
});
