/** `sonorancad reload`: a good file applies at once, a broken one changes nothing; state survives. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalEvents } from '../../src/shared/events';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { sampleText, TEST_KEY } from '../helpers/samples';

const EVENT = '/sonorancad/event';
let res: TestResource | undefined;
afterEach(async () => {
  res?.server.assertHealthy();
  await res?.close();
  res = undefined;
});

const writeConfig = (r: TestResource, config: unknown) =>
  writeFileSync(join(r.dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
const reload = (r: TestResource) => {
  const before = r.server.logs.length;
  r.server.runCommand('sonorancad', 0, ['reload']);
  return r.server.logs.slice(before).join('\n');
};
const bigBody = () => JSON.stringify({ key: TEST_KEY, type: 'EVENT_TONE', data: { url: 'x'.repeat(2000) } });

describe('sonorancad reload', () => {
  it('applies a changed file at once, keeping caches and other resources subscriptions', async () => {
    res = await startResource({ config: { maxBodyBytes: 1024 } });
    const server = res.server;
    expect((await post(server.baseUrl, EVENT, { body: bigBody() })).status).toBe(413);
    expect(
      (await post(server.baseUrl, EVENT, { body: sampleText('EVENT_UNIT_LOGIN.object.json') })).status,
    ).toBe(200);
    const subscription = server.callExport('subscribe', 'EVENT_TONE', () => {});

    writeConfig(res, { maxBodyBytes: 4096 });
    expect(reload(res)).toContain('config.json reloaded');

    expect((await post(server.baseUrl, EVENT, { body: bigBody() })).status).toBe(200);
    expect((server.callExport('GetUnitCache') as unknown[]).length).toBe(1);
    expect(server.callExport('unsubscribe', subscription)).toBe(true);
    // One set of handlers after the reload: each push still fires each local event once.
    const before = server.localEvents.length;
    await post(server.baseUrl, EVENT, { body: sampleText('EVENT_UNIT_PANIC.object.json') });
    expect(server.localEvents.slice(before).filter((e) => e.name === LocalEvents.UnitPanic)).toHaveLength(1);
  });

  it('keeps what runs when the new file is broken, and names the problem', async () => {
    res = await startResource({ config: {} });
    writeConfig(res, { maxBodyBytes: 'lots' });
    const said = reload(res);
    expect(said).toContain('was not applied');
    expect(said).toContain('maxBodyBytes');
    expect(
      (await post(res.server.baseUrl, EVENT, { body: sampleText('EVENT_911.object.json') })).status,
    ).toBe(200);
  });

  it('brings a resource that started with a broken file to life', async () => {
    res = await startResource({ rawConfig: '{ "debug": tru' });
    expect(
      (await post(res.server.baseUrl, EVENT, { body: sampleText('EVENT_911.object.json') })).status,
    ).toBe(503);
    writeConfig(res, {});
    expect(reload(res)).toContain('config.json reloaded');
    expect(
      (await post(res.server.baseUrl, EVENT, { body: sampleText('EVENT_911.object.json') })).status,
    ).toBe(200);
  });
});
