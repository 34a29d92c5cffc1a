/**
 * config.json that cannot be read on `sonorancad reload` (emptied, deleted, a folder) is an error and
 * what ran keeps running, forward targets included; only the very first start takes a missing file as
 * the defaults. A byte order mark is accepted, at start and on reload.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { TEST_KEY } from '../helpers/samples';

const EVENT = '/sonorancad/event';
const BOM = '\uFEFF';
let res: TestResource | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await res?.close();
  await receiver?.close();
  res = undefined;
  receiver = undefined;
});

const command = (r: TestResource, ...args: string[]) => {
  const before = r.server.logs.length;
  r.server.runCommand('sonorancad', 0, args);
  return r.server.logs.slice(before).join('\n');
};
const panic = (identId: number) =>
  JSON.stringify({ key: TEST_KEY, type: 'EVENT_UNIT_PANIC', data: { identIds: [identId], isPanic: true } });

const FAULTS: [string, (path: string) => void, string][] = [
  ['emptied', (path) => writeFileSync(path, ''), 'it is empty'],
  [
    'emptied but for a byte order mark and spaces',
    (path) => writeFileSync(path, `${BOM}  \n`),
    'it is empty',
  ],
  ['deleted', (path) => rmSync(path), 'it is missing, a folder, or not readable'],
  [
    'replaced by a folder',
    (path) => {
      rmSync(path);
      mkdirSync(path);
    },
    'it is missing, a folder, or not readable',
  ],
];

describe('sonorancad reload with a config.json that cannot be read', () => {
  for (const [fault, apply, why] of FAULTS) {
    it(`${fault}: says so, and the running configuration and its targets go on`, async () => {
      receiver = await startReceiver();
      res = await startResource({
        config: { forwarding: { targets: [{ name: 'sink', url: receiver.url }] } },
      });
      apply(join(res.dir, 'config.json'));
      const said = command(res, 'reload');
      expect(said).toContain('config.json was not applied; what ran before keeps running:');
      expect(said).toContain(`config.json could not be read: ${why}.`);
      expect(said).not.toContain('reloaded');
      expect(said).not.toContain('dead letters');
      expect((await post(res.server.baseUrl, EVENT, { body: panic(1) })).status).toBe(200);
      await until(() => receiver!.requests.length === 1, 'the forward');
      // The receiver sees the request before the forwarder has read its answer: wait for the count.
      await until(
        () => command(res!, 'forward', 'status').includes('sink [raw]: ok'),
        'the delivery counted',
      );
    });
  }

  it('at the very first start, a missing file means the defaults', async () => {
    res = await startResource({ rawConfig: null });
    expect(res.server.logs.join('\n')).toContain('Receiving Sonoran CAD push events');
    expect((await post(res.server.baseUrl, EVENT, { body: panic(1) })).status).toBe(200);
  });
});

describe('a config.json saved with a byte order mark', () => {
  it('is read at start and on reload', async () => {
    receiver = await startReceiver();
    const config = { forwarding: { targets: [{ name: 'sink', url: receiver.url }] } };
    res = await startResource({ rawConfig: `${BOM}${JSON.stringify(config, null, 2)}` });
    expect(res.server.logs.join('\n')).not.toContain('error:');
    expect((await post(res.server.baseUrl, EVENT, { body: panic(1) })).status).toBe(200);
    await until(() => receiver!.requests.length === 1, 'the forward');

    writeFileSync(join(res.dir, 'config.json'), `${BOM}${JSON.stringify({ ...config, debug: true })}`);
    expect(command(res, 'reload')).toContain('config.json reloaded: the new configuration is running.');
    // Changed by a command, the file keeps its mark and stays readable.
    const before = res.server.logs.length;
    res.server.runCommand('sonorancad', 0, ['forward', 'disable', 'sink']);
    await until(
      () => res!.server.logs.slice(before).some((line) => line.includes('"sink" is off')),
      'the answer',
    );
    expect(readFileSync(join(res.dir, 'config.json'), 'utf8').startsWith(BOM)).toBe(true);
    expect(command(res, 'reload')).toContain('config.json reloaded');
  });
});
