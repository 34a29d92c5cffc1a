/** A broken config.json at start: which setting, what was expected, where to read up; never a value. */
import { afterEach, describe, expect, it } from 'vitest';
import { startResource, type TestResource } from '../helpers/fxserver-resource';

const SECRET = 'sekret-0c4f2b7d91';
const HINT = 'README.md, section "Configuration"';

let res: TestResource | undefined;
afterEach(async () => {
  await res?.close();
  res = undefined;
});

async function errorsFor(options: { config?: unknown; rawConfig?: string }): Promise<string> {
  res = await startResource(options);
  return res.server.logs.filter((line) => line.includes('error:')).join('\n');
}

describe('a broken config.json', () => {
  it('names each setting by its dotted path and says what was expected', async () => {
    const logs = await errorsFor({
      config: {
        apiKey: SECRET,
        maxBodyBytes: 'lots',
        authFailures: { limt: 5 },
        forwarding: { targets: [{ name: 'hook', url: `ftp://${SECRET}.example` }] },
      },
    });
    expect(logs).toContain('config.json maxBodyBytes: Invalid input: expected number, received string');
    expect(logs).toContain('config.json authFailures.limt: not a setting here; check its spelling');
    expect(logs).toContain('config.json forwarding.targets[0].url: expected an http:// or https:// URL');
    expect(logs).toContain(HINT);
    expect(logs).toContain('then run "sonorancad reload" or restart sonorancad.');
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain('lots');
  });

  it('points at the line and column of a JSON syntax error', async () => {
    const logs = await errorsFor({ rawConfig: '{\n  "debug": true\n  "cache": {}\n}' });
    expect(logs).toContain('config.json is not valid JSON at line 3, column 3:');
    expect(logs).toContain(HINT);
  });

  it('never quotes the file, which may hold the API key', async () => {
    const logs = await errorsFor({ rawConfig: `{ "apiKey": ${SECRET} }` });
    expect(logs).toContain('config.json is not valid JSON');
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain('sekret');
  });
});
