/** The FXServer host for tests: a temporary resource folder with a config.json, running in the double. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FxServer, type FxServerOptions, startFxServer } from '../doubles/fxserver/double';
import { TEST_KEY } from './samples';

export interface TestResource {
  server: FxServer;
  dir: string;
  close(): Promise<void>;
}

export async function startResource(
  options: {
    config?: unknown;
    /** The file's exact text; null: no config.json at all. */
    rawConfig?: string | null;
    /** More files in the resource folder (a postal table). */
    files?: Record<string, string>;
  } & Partial<Omit<FxServerOptions, 'resourceDir'>> = {},
): Promise<TestResource> {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-'));
  const { config = {}, rawConfig, files = {}, ...rest } = options;
  if (rawConfig !== null) writeFileSync(join(dir, 'config.json'), rawConfig ?? JSON.stringify(config));
  // The locale files, as a release ships them beside config.json.
  cpSync(join(__dirname, '..', '..', 'locales'), join(dir, 'locales'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const server = await startFxServer({ convars: { sonoran_apiKey: TEST_KEY }, ...rest, resourceDir: dir });
  return {
    server,
    dir,
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
