/** The release zip: one ready-to-drop sonorancad/ folder that FXServer can start as it is. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFxServer } from '../doubles/fxserver/double';
import { post } from '../helpers/post';
import { sampleText, TEST_KEY } from '../helpers/samples';
import { packageInto, ROOT } from './release-zip';

const NEEDED = [
  'fxmanifest.lua',
  'dist/server.js',
  'dist/client.js',
  'dist/nui/index.html',
  'dist/nui/page.js',
  'dist/nui/page.css',
  'config.json',
  'README.md',
  'LICENSE',
  'docs/configuration.md',
  'locales/en.json',
  'locales/de.json',
  'locales/tr.json',
];

let dir: string;
let entries: Record<string, Uint8Array>;

beforeAll(() => {
  const packaged = packageInto();
  dir = packaged.dir;
  entries = unzipSync(readFileSync(packaged.zipPath));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the release zip', () => {
  it('holds one sonorancad/ folder with what a server needs, and nothing from development', () => {
    const names = Object.keys(entries);
    expect(names.filter((name) => !name.startsWith('sonorancad/'))).toEqual([]);
    for (const file of NEEDED) expect(names).toContain(`sonorancad/${file}`);
    expect(
      names.filter((name) => /\/(src|test|node_modules)\/|relay\.js$|package\.json$/.test(name)),
    ).toEqual([]);
  });

  it('holds every file fxmanifest.lua names', () => {
    const manifest = readFileSync(join(ROOT, 'fxmanifest.lua'), 'utf8');
    const named = [...manifest.matchAll(/'([\w./-]+\.(?:js|json|lua|html|css|png|ogg))'/g)].map((m) => m[1]);
    expect(named).toContain('dist/server.js');
    for (const file of named) expect(Object.keys(entries)).toContain(`sonorancad/${file}`);
  });

  it('carries the files byte for byte', () => {
    for (const file of NEEDED) {
      expect(Buffer.from(entries[`sonorancad/${file}`]!).equals(readFileSync(join(ROOT, file))), file).toBe(
        true,
      );
    }
  });

  it('unzips into a resource FXServer starts, which answers a push 200', async () => {
    const unzipped = join(dir, 'resources');
    for (const [name, data] of Object.entries(entries)) {
      mkdirSync(dirname(join(unzipped, name)), { recursive: true });
      writeFileSync(join(unzipped, name), data);
    }
    const resourceDir = join(unzipped, 'sonorancad');
    const server = await startFxServer({
      resourceDir,
      bundlePath: join(resourceDir, 'dist/server.js'),
      convars: { sonoran_apiKey: TEST_KEY },
    });
    try {
      const reply = await post(server.baseUrl, '/sonorancad/event', {
        body: sampleText('EVENT_UNIT_LOGIN.json'),
      });
      expect(reply.status).toBe(200);
      server.assertHealthy();
    } finally {
      await server.stop();
    }
  });
});
