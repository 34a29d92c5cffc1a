/** A temporary resource folder with a config.json, running in the FXServer double. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FxServer, type FxServerOptions, startFxServer } from '../fxserver/double';
import { TEST_KEY } from './samples';

export interface TestResource {
  server: FxServer;
  dir: string;
  close(): Promise<void>;
}

export async function startResource(
  options: { config?: unknown; rawConfig?: string } & Partial<Omit<FxServerOptions, 'resourceDir'>> = {},
): Promise<TestResource> {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-'));
  const { config = {}, rawConfig, ...rest } = options;
  writeFileSync(join(dir, 'config.json'), rawConfig ?? JSON.stringify(config));
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
