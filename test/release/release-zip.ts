/** Runs scripts/package.mjs into a temporary folder, as `npm run package` does after the build. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The folder the zip went to, and the zip's path as the script printed it. */
export function packageInto(): { dir: string; zipPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-release-'));
  const printed = execFileSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', dir], {
    encoding: 'utf8',
  });
  return { dir, zipPath: printed.trim() };
}
