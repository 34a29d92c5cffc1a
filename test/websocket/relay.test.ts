/**
 * dist/relay.js as a process with the websocket: settings from the environment, no open port with
 * PORT=off, SIGTERM closes the session; and the bundle runs from a folder with no node_modules.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../doubles/hub/hub';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { startRelay } from '../helpers/relay-process';
import { sample, TEST_KEY } from '../helpers/samples';

const RELAY = join(__dirname, '..', '..', 'dist', 'relay.js');
let hub: Hub;
let receiver: Receiver;
const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function relayWith(env: Record<string, string>, config: object) {
  hub = await startHub({ communityId: 'c9', apiKey: TEST_KEY, serverIds: [2], pingMs: 200 });
  receiver = await startReceiver();
  cleanup.push(
    () => hub.stop(),
    () => receiver.close(),
  );
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-ws-relay-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  // The bundle alone in a folder with no node_modules above it, as in the release.
  const bin = join(dir, 'relay.js');
  copyFileSync(RELAY, bin);
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      websocket: { hubUrl: hub.url },
      forwarding: { targets: [{ name: 'sink', url: receiver.url }] },
      ...config,
    }),
  );
  const relay = await startRelay({
    root: dir,
    dataDir: join(dir, 'data'),
    env: { SONORAN_API_KEY: TEST_KEY, SONORAN_COMMUNITY_ID: 'c9', SONORAN_SERVER_ID: '2', ...env },
    ready: env.PORT === 'off' ? 'without an HTTP listener' : 'Relay listening',
    script: bin,
  });
  cleanup.push(() => relay.kill());
  return relay;
}

describe('websocket in the standalone relay', () => {
  it('runs with PORT=off: no listener, pushes over the websocket, forwarded; SIGTERM sends Close', async () => {
    const relay = await relayWith({ PORT: 'off' }, {});
    await until(() => hub.authenticated(2).length === 1, 'the session');
    expect(hub.authAttempts[0]!.arguments).toEqual(['c9', TEST_KEY, 2]);
    await expect(
      fetch(`http://127.0.0.1:${relay.port}/sonorancad/event`, { method: 'POST' }),
    ).rejects.toThrow();

    hub.push(sample('EVENT_UNIT_PANIC.object.json'), { form: 'string' });
    await until(() => receiver.requests.length === 1, 'the forwarded push');
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ type: 'EVENT_UNIT_PANIC' });
    expect(relay.output()).toContain('[sonorancad:websocket] EVENT_UNIT_PANIC in');

    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
    // The exit can be seen before the hub reads its socket; the Close message comes before the socket's end.
    await until(() => hub.sessions[0]!.ended, 'the hub to see the socket end');
    expect(hub.sessions[0]!.clientClosed).toBe(true);
    expect(relay.output()).not.toContain(TEST_KEY);
  });

  it('says as an error that a relay with PORT=off and no websocket settings receives nothing', async () => {
    const relay = await relayWith({ PORT: 'off', SONORAN_COMMUNITY_ID: '' }, {});
    await until(() => relay.output().includes('without a websocket session'), 'the error line');
    expect(relay.output()).toMatch(
      /error: Relay running without an HTTP listener \(PORT=off\) and without a websocket session \(not set: community ID.*\): it receives no pushes/,
    );
    expect(hub.open()).toHaveLength(0);
  });

  it('answers over HTTP too, and drops the websocket copy of a push that came that way first', async () => {
    const relay = await relayWith({}, {});
    await until(() => hub.authenticated(2).length === 1, 'the session');
    const body = sample('EVENT_UNIT_PANIC.object.json');
    const reply = await fetch(`http://127.0.0.1:${relay.port}/sonorancad/event`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(reply.status).toBe(200);
    hub.push(body);
    await until(() => receiver.requests.length === 1, 'the forwarded push');
    relay.child.stdin?.write('sonorancad status\n');
    await until(() => relay.output().includes('duplicates dropped 1'), 'the status line');
    expect(receiver.requests).toHaveLength(1);
  });
});
