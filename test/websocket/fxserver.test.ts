/** dist/server.js in the FXServer double, receiving from the hub stand-in over real sockets. */
import { afterEach, describe, expect, it } from 'vitest';
import { InboundEvents, LocalEvents } from '../../src/shared/events';
import { type Hub, startHub } from '../doubles/hub/hub';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { sample, TEST_KEY } from '../helpers/samples';

let hub: Hub;
let resource: TestResource;
let receiver: Receiver | null = null;

afterEach(async () => {
  await resource?.close();
  await hub?.stop();
  await receiver?.close();
  receiver = null;
});

/**
 * The default keep-alive and timeout: the package's silence timer runs for real, and a short one would end
 * sessions whenever a loaded machine stalls the process for a moment (a reconnect then breaks the counts).
 */
const websocket = (overrides: object = {}) => ({ websocket: { hubUrl: hub.url, ...overrides } });

async function start(
  options: Parameters<typeof startResource>[0] = {},
  websocketSettings: object = {},
): Promise<TestResource> {
  hub = await startHub({ communityId: 'c1', apiKey: TEST_KEY, serverIds: [1, 7], pingMs: 200 });
  resource = await startResource({
    ...options,
    config: {
      communityID: 'c1',
      serverId: 1,
      ...websocket(websocketSettings),
      ...(options.config as object),
    },
  });
  return resource;
}

const received = () => resource.server.localEvents.filter((event) => event.name === LocalEvents.Received);
const authenticated = (count = 1) =>
  resource.server.waitFor(
    () => hub.authAttempts.filter((a) => a.success).length >= count && hub.authenticated().length > 0,
  );
const status = () => {
  const from = resource.server.logs.length;
  resource.server.runCommand('sonorancad', 0, ['status']);
  return resource.server.logs.slice(from).join('\n');
};

describe('websocket pushes in FXServer', () => {
  it('authenticates with the community id, the key and a numeric server id from the convars', async () => {
    await start({
      // debug: the hub client's own lines are printed too, and must not show the key either.
      config: { communityID: 'from-file', serverId: 3, debug: true },
      convars: { sonoran_apiKey: TEST_KEY, sonoran_communityID: 'c1', sonoran_serverId: '7' },
    });
    await authenticated();
    expect(hub.authAttempts[0]!.arguments).toEqual(['c1', TEST_KEY, 7]);
    // The hub answered; the resource takes the answer on its next read of the socket.
    await resource.server.waitFor(() =>
      /Websocket: connected and authenticated as server 7 since .* UTC/.test(status()),
    );
    expect(resource.server.logs.some((line) => line.includes('[sonorancad:websocket:hub]'))).toBe(true);
    expect(resource.server.logs.join('\n').toLowerCase()).not.toContain(TEST_KEY.toLowerCase());
  });

  it('handles a push sent as an object and one sent as a JSON string, like an HTTP push', async () => {
    await start();
    await authenticated();
    hub.push(sample('EVENT_UNIT_PANIC.object.json'));
    hub.push(sample('EVENT_911.object.json'), { form: 'string', invocationId: '9' });
    await resource.server.waitFor(() => received().length === 2);
    const names = resource.server.localEvents.map((event) => event.name);
    expect(names).toContain(LocalEvents.UnitPanic);
    expect(names).toContain(LocalEvents.IncomingCadCall);
    await resource.server.waitFor(() => hub.completions().length === 1);
    expect(hub.completions()[0]).toMatchObject({ invocationId: '9', result: true });
    expect(status()).toContain('Pushes by transport: websocket 2, HTTP 0; duplicates dropped 0.');
    resource.server.assertHealthy();
  });

  it('counts and logs a push with a wrong key, and acts on nothing', async () => {
    await start();
    await authenticated();
    hub.push(sample('EVENT_UNIT_PANIC.object.json', 'not-our-key'));
    await resource.server.waitFor(() =>
      resource.server.logs.some((line) => line.includes('does not match ours')),
    );
    expect(received()).toHaveLength(0);
    expect(status()).toContain('Wrong or missing keys: 1.');
    expect(hub.authenticated()).toHaveLength(1);
  });

  // One loss each: the first failure after a session is retried at once (later ones wait, see backoff.test.ts).
  const losses: [string, () => void][] = [
    ['an abrupt drop', () => hub.drop()],
    ['a Close with allowReconnect', () => hub.close({ allowReconnect: true })],
    ['a Close without it', () => hub.close({ error: 'Server shutting down' })],
  ];
  for (const [loss, cause] of losses) {
    it(`reconnects at once after ${loss}`, async () => {
      await start();
      await authenticated();
      cause();
      await authenticated(2);
      hub.push(sample('EVENT_UNIT_PANIC.object.json'));
      await resource.server.waitFor(() => received().length === 1);
      expect(status()).toMatch(/; 1 failed attempt since the last good session; 1 reconnects\./);
    });
  }

  it('gives up on a silent hub and opens a new session', async () => {
    // Noticed in a second; the hub pings every 200 ms until it goes silent.
    await start({}, { keepAliveSeconds: 0.2, timeoutSeconds: 1 });
    await authenticated();
    hub.talking = false;
    const first = hub.sessions[0]!;
    await resource.server.waitFor(() => first.ended, 3_000);
    hub.talking = true;
    await authenticated(2);
    expect(resource.server.logs.join('\n')).toMatch(/Websocket to Sonoran's hub lost: .*[Tt]imeout/);
  });

  it('keeps a refused key on one socket without a hot loop, and says so once', async () => {
    await start();
    hub.refuseAuth = 'Invalid API key.';
    await resource.server.waitFor(() => hub.authAttempts.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(hub.authAttempts).toHaveLength(1);
    expect(hub.open()).toHaveLength(1);
    expect(
      resource.server.logs.filter((line) => line.includes('refused the websocket authentication')),
    ).toHaveLength(1);
    expect(status()).toContain('the hub REFUSED the authentication');
  });

  it('handles a push that arrives over both transports once, in either order', async () => {
    await start();
    await authenticated();
    const first = sample('EVENT_UNIT_PANIC.object.json');
    const reply = await post(resource.server.baseUrl, '/sonorancad/event', { body: JSON.stringify(first) });
    expect(reply.status).toBe(200);
    hub.push(first);
    const second = sample('EVENT_911.object.json');
    hub.push(second, { form: 'string' });
    await resource.server.waitFor(() => received().length === 2);
    const again = await post(resource.server.baseUrl, '/sonorancad/event', { body: JSON.stringify(second) });
    expect(again.status).toBe(200);
    await resource.server.waitFor(() => status().includes('duplicates dropped 2'));
    expect(received()).toHaveLength(2);
  });

  it('forwards a websocket push; an includeKey target gets the push as the hub wrote it', async () => {
    receiver = await startReceiver();
    await start({
      config: {
        forwarding: {
          targets: [
            { name: 'plain', url: `${receiver.url}/plain` },
            { name: 'keyed', url: `${receiver.url}/keyed`, includeKey: true },
          ],
        },
      },
    });
    await authenticated();
    const text = `{ "type": "EVENT_UNIT_PANIC", "key": "${TEST_KEY}", "data": {"identIds": [5], "isPanic": true} }`;
    // A JSON string; the same push as an object in a frame of the usual shape; then in another key order.
    hub.sendRaw(`${JSON.stringify({ type: 1, target: 'pushEvent', arguments: [text] })}\x1e`);
    hub.sendRaw(`{"type":1,"target":"pushEvent","arguments":[${text}]}\x1e`);
    hub.push(JSON.parse(text), { layout: 'other' });
    await until(() => receiver!.requests.length === 6, 'all forwards');
    const bodiesAt = (path: string) =>
      receiver!.requests.filter((request) => request.path.endsWith(path)).map((request) => request.body);
    // The string's text, the object's bytes in the frame, the object written out.
    expect(bodiesAt('/keyed')).toEqual([text, text, JSON.stringify(JSON.parse(text))]);
    for (const body of bodiesAt('/plain')) {
      expect(JSON.parse(body)).toEqual({ type: 'EVENT_UNIT_PANIC', data: { identIds: [5], isPanic: true } });
    }
  });

  it('opens no session in companion mode and says why once', async () => {
    await start({ resourceName: 'sonorancad_events', resources: { sonorancad: 'started' } });
    await resource.server.waitFor(() => resource.server.logs.some((line) => line.includes('companion mode')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.negotiations).toHaveLength(0);
    expect(resource.server.logs.filter((line) => line.includes('companion mode'))).toHaveLength(1);
    expect(status()).toContain('Websocket: off, companion mode');
  });

  it('follows the official resource: hands it the session when it starts, takes it back when it stops', async () => {
    await start({ resourceName: 'sonorancad_events' });
    await authenticated();
    resource.server.emitLocal(InboundEvents.ResourceStart, 'sonorancad');
    await resource.server.waitFor(() => hub.sessions[0]!.ended && hub.sessions[0]!.clientClosed);
    expect(resource.server.logs.some((line) => line.includes('companion mode'))).toBe(true);
    resource.server.emitLocal(InboundEvents.ResourceStop, 'sonorancad');
    await authenticated(2);
  });

  it('closes the session when the resource stops: a Close message, then the socket', async () => {
    await start();
    await authenticated();
    resource.server.stopResource();
    await resource.server.waitFor(() => hub.sessions[0]!.ended);
    expect(hub.sessions[0]!.clientClosed).toBe(true);
    expect(hub.sessions[0]!.closeCode).toBe(1000);
  });

  it('keeps the session across a reload that changes nothing it needs, reconnects when the server id changes', async () => {
    await start();
    await authenticated();
    resource.server.setConvar('sonoran_apiKey', TEST_KEY);
    resource.server.runCommand('sonorancad', 0, ['reload']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.sessions).toHaveLength(1);
    hub.push(sample('EVENT_UNIT_PANIC.object.json'));
    await resource.server.waitFor(() => received().length === 1);

    resource.server.setConvar('sonoran_serverId', '7');
    resource.server.runCommand('sonorancad', 0, ['reload']);
    await resource.server.waitFor(() => hub.authenticated(7).length === 1);
    await resource.server.waitFor(() => hub.sessions[0]!.ended && hub.sessions[0]!.clientClosed);
    expect(hub.sessions[0]!.closeCode).toBe(1000);
    expect(hub.authenticated(1)).toHaveLength(0);
  });
});
