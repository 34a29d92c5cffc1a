/** The hub stand-in speaks the SignalR JSON protocol as the spec and Sonoran's hub do, checked with a bare socket. */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until } from '../../helpers/receiver';
import { type Hub, startHub } from './hub';

const RS = '\x1e';
let hub: Hub;

afterEach(async () => {
  await hub?.stop();
});

/** A raw client: every record it received, split on 0x1E. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  const records: Record<string, unknown>[] = [];
  const frames: string[] = [];
  socket.on('message', (data) => {
    frames.push(data.toString());
    for (const text of data.toString().split(RS).filter(Boolean)) records.push(JSON.parse(text));
  });
  await once(socket, 'open');
  return { socket, records, frames };
}

const negotiate = async () => {
  const response = await fetch(`${hub.url}/negotiate?negotiateVersion=1`, { method: 'POST' });
  return {
    body: (await response.json()) as { connectionToken: string; negotiateVersion: number },
    cookie: response.headers.get('set-cookie'),
  };
};

describe('the hub stand-in', () => {
  it('negotiates version 1 with a token and an affinity cookie; an unknown token is refused with 404', async () => {
    hub = await startHub();
    const { body, cookie } = await negotiate();
    expect(body).toMatchObject({ negotiateVersion: 1, availableTransports: [{ transport: 'WebSockets' }] });
    expect(cookie).toMatch(/^ARRAffinity=/);
    const refused = new WebSocket(`${hub.url.replace('http', 'ws')}?id=not-a-token`);
    const [error] = await once(refused, 'error');
    expect(String(error)).toContain('404');
  });

  it('answers the handshake, splits several records in one frame, completes authenticatev2, pings', async () => {
    hub = await startHub({ apiKey: 'KEY', pingMs: 50 });
    const { body } = await negotiate();
    const client = await connect(`${hub.url.replace('http', 'ws')}?id=${body.connectionToken}`);
    client.socket.send(
      `{"protocol":"json","version":1}${RS}{"type":6}${RS}` +
        `{"type":1,"invocationId":"0","target":"authenticatev2","arguments":["c","key",1]}${RS}`,
    );
    await until(() => client.records.filter((r) => r.type === 6).length >= 2, 'two pings');
    expect(client.records[0]).toEqual({});
    expect(client.records).toContainEqual({
      type: 3,
      invocationId: '0',
      result: { success: true, error: null, count: 1 },
    });
    expect(hub.authenticated(1)).toHaveLength(1);
    client.socket.close();
  });

  it('refuses another protocol in the handshake, and an unknown method with a Completion error', async () => {
    hub = await startHub();
    const wrong = await connect(hub.url.replace('http', 'ws'));
    wrong.socket.send(`{"protocol":"messagepack","version":1}${RS}`);
    await once(wrong.socket, 'close');
    expect(wrong.records[0]).toEqual({ error: "Requested protocol 'messagepack' is not available." });

    const client = await connect(hub.url.replace('http', 'ws'));
    client.socket.send(
      `{"protocol":"json","version":1}${RS}{"type":1,"invocationId":"4","target":"nope","arguments":[]}${RS}`,
    );
    await until(() => client.records.length === 2, 'the Completion error');
    expect(client.records[1]).toEqual({ type: 3, invocationId: '4', error: "Unknown hub method 'nope'" });
    client.socket.close();
  });

  it('pushes both forms only to sessions authenticated for the server id, and sends Close before closing', async () => {
    hub = await startHub();
    const client = await connect(hub.url.replace('http', 'ws'));
    client.socket.send(
      `{"protocol":"json","version":1}${RS}{"type":1,"invocationId":"0","target":"authenticatev2","arguments":["c","k",2]}${RS}`,
    );
    await until(() => hub.authenticated(2).length === 1, 'the authentication');
    expect(hub.push({ type: 'X' }, { serverId: 3 })).toBe(0);
    expect(hub.push({ type: 'X' }, { serverId: 2, form: 'string', invocationId: '9' })).toBe(1);
    await until(() => client.records.some((r) => r.target === 'pushEvent'), 'the push');
    expect(client.records.find((r) => r.target === 'pushEvent')).toEqual({
      type: 1,
      target: 'pushEvent',
      arguments: ['{"type":"X"}'],
      invocationId: '9',
    });
    // ASP.NET Core's key order by default; another layout on request.
    expect(client.frames).toContain(
      `{"type":1,"invocationId":"9","target":"pushEvent","arguments":["{\\"type\\":\\"X\\"}"]}${RS}`,
    );
    hub.push({ type: 'Y' }, { serverId: 2, layout: 'other' });
    await until(() => client.frames.some((f) => f.includes('"Y"')), 'the other layout');
    expect(client.frames.at(-1)).toBe(
      `${JSON.stringify({ arguments: [{ type: 'Y' }], target: 'pushEvent', type: 1 }, null, 1)}${RS}`,
    );
    hub.close({ allowReconnect: true, error: 'bye' });
    await once(client.socket, 'close');
    expect(client.records.at(-1)).toEqual({ type: 7, error: 'bye', allowReconnect: true });
  });

  it('negotiate: a status, a redirect, a Bearer token when told, and the transports it is given', async () => {
    hub = await startHub();
    const post = (authorization?: string) =>
      fetch(`${hub.url}/negotiate?negotiateVersion=1`, {
        method: 'POST',
        headers: authorization ? { authorization } : {},
      });
    hub.negotiateRules.status = 500;
    expect((await post()).status).toBe(500);
    hub.negotiateRules.status = null;
    hub.negotiateRules.redirect = { url: 'http://elsewhere/hub', accessToken: 't' };
    expect(await (await post()).json()).toEqual({ url: 'http://elsewhere/hub', accessToken: 't' });
    hub.negotiateRules.redirect = null;
    hub.negotiateRules.requireToken = 'secret';
    hub.negotiateRules.transports = ['LongPolling'];
    expect((await post()).status).toBe(401);
    const reply = await post('Bearer secret');
    expect(await reply.json()).toMatchObject({
      availableTransports: [{ transport: 'LongPolling', transferFormats: ['Text', 'Binary'] }],
    });
    const refused = new WebSocket(hub.url.replace('http', 'ws'));
    const [error] = await once(refused, 'error');
    expect(String(error)).toContain('401');
  });

  it('faults: the handshake answer and a Close in one frame, or a frame without its terminator', async () => {
    hub = await startHub();
    hub.fault = 'close-with-error';
    const closing = await connect(hub.url.replace('http', 'ws'));
    closing.socket.send(`{"protocol":"json","version":1}${RS}`);
    const [code] = await once(closing.socket, 'close');
    expect(code).toBe(1000);
    expect(closing.frames).toEqual([`{}${RS}{"type":7,"error":"Connection closed with an error."}${RS}`]);

    hub.fault = 'no-separator';
    const broken = await connect(hub.url.replace('http', 'ws'));
    broken.socket.send(`{"protocol":"json","version":1}${RS}`);
    await until(() => broken.frames.length === 2, 'both frames');
    expect(broken.frames[1]).toBe('{"type":6}');
    broken.socket.close();
  });
});
