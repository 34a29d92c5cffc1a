/** The relay's management API for forward targets, over real sockets against the relay process. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { startRelay } from '../helpers/relay-process';
import { sampleText, TEST_KEY } from '../helpers/samples';

const TOKEN = 'management-token-for-the-tests-5f1c9a';
const HEADER_VALUE = 'Bearer header-value-never-shown';
const CONFIG = `{
\t"logEvents": false,
\t"forwarding": {
\t\t"retry": { "firstDelaySeconds": 0.05 },
\t\t"targets": [
\t\t\t{ "name": "bot", "url": "http://127.0.0.1:9/never", "headers": { "Authorization": "${HEADER_VALUE}" } }
\t\t]
\t}
}
`;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function relayWith(env: Record<string, string>, config = CONFIG) {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-api-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'config.json'), config);
  const relay = await startRelay({
    root: dir,
    dataDir: join(dir, 'data'),
    env: { SONORAN_API_KEY: TEST_KEY, ...env },
  });
  cleanup.push(() => relay.kill());
  const base = `http://127.0.0.1:${relay.port}/sonorancad`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, json: text ? JSON.parse(text) : null };
  };
  return { relay, dir, call, file: () => readFileSync(join(dir, 'config.json'), 'utf8') };
}

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  cleanup.push(() => started.close());
  return started;
}

describe('management API on the relay', () => {
  it('is off without SONORANCAD_ADMIN_TOKEN: its paths answer like any unknown path', async () => {
    const { call } = await relayWith({});
    const api = await call('GET', '/targets');
    const unknown = await call('GET', '/nothing-here');
    expect(api.status).toBe(404);
    expect(api.json.error).toBe(unknown.json.error);
    expect((await call('POST', '/targets', { name: 'x', url: 'https://x.example.com/' })).status).toBe(404);
  });

  it('stays off when its token is the API key', async () => {
    const { relay, call } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TEST_KEY });
    expect((await call('GET', '/targets', undefined, { authorization: `Bearer ${TEST_KEY}` })).status).toBe(
      404,
    );
    expect(relay.output()).toMatch(/SONORANCAD_ADMIN_TOKEN is the API key.*stays off/);
  });

  it('stays off with a token short enough to guess, and says how to make a good one', async () => {
    const short = 'fifteen-chars-x';
    const { relay, call } = await relayWith({ SONORANCAD_ADMIN_TOKEN: short });
    expect((await call('GET', '/targets', undefined, { authorization: `Bearer ${short}` })).status).toBe(404);
    expect(relay.output()).toMatch(
      /shorter than 16 characters, so the management API stays off.*randomBytes/,
    );
  });

  it('answers a wrong or missing token with one 401 body on every route; the API key never opens it', async () => {
    const { call, file } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TOKEN });
    const bodies = new Set<string>();
    for (const authorization of ['', 'Bearer wrong', `Bearer ${TEST_KEY}`, TOKEN, `Basic ${TOKEN}`]) {
      for (const [method, path] of [
        ['GET', '/targets'],
        ['POST', '/targets'],
        ['GET', '/targets/bot'],
        ['PATCH', '/targets/bot'],
        ['DELETE', '/targets/bot'],
        ['PUT', '/targets/nope'],
      ] as const) {
        const reply = await call(method, path, method === 'GET' ? undefined : '{"enabled":false}', {
          authorization,
        });
        expect(reply.status).toBe(401);
        bodies.add(reply.text);
      }
    }
    expect(bodies.size).toBe(1);
    expect(file()).toBe(CONFIG);
  });

  it('creates, lists, updates and removes; each change is running when answered', async () => {
    const { call, file } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TOKEN });
    const target = await receiver();

    const created = await call('POST', '/targets', {
      name: 'new',
      url: target.url,
      events: ['EVENT_UNIT_PANIC'],
    });
    expect(created.status).toBe(201);
    expect(created.json.target).toMatchObject({ name: 'new', url: target.url, events: ['EVENT_UNIT_PANIC'] });

    // The file keeps its tabs, its other keys and its first target byte for byte.
    expect(file()).toContain(
      '\t"logEvents": false,\n\t"forwarding": {\n\t\t"retry": { "firstDelaySeconds": 0.05 },',
    );
    expect(file()).toContain(
      `{ "name": "bot", "url": "http://127.0.0.1:9/never", "headers": { "Authorization": "${HEADER_VALUE}" } }`,
    );
    expect(file()).toContain('\t\t\t\t"name": "new",');

    const listed = await call('GET', '/targets');
    expect(listed.status).toBe(200);
    expect(listed.json.targets.map((t: { name: string }) => t.name)).toEqual(['bot', 'new']);
    expect(listed.json.targets[0].headers).toEqual(['Authorization']);

    const patched = await call('PATCH', '/targets/new', { events: ['EVENT_911'], maxAttempts: 2 });
    expect(patched.status).toBe(200);
    expect(patched.json.target).toMatchObject({ events: ['EVENT_911'], maxAttempts: 2 });
    expect(
      (await call('PATCH', '/targets/new', { maxAttempts: null })).json.target.maxAttempts,
    ).toBeUndefined();
    expect((await call('GET', '/targets/new')).json.target.events).toEqual(['EVENT_911']);

    const removed = await call('DELETE', '/targets/new');
    expect(removed).toMatchObject({ status: 204, text: '' });
    expect(JSON.parse(file()).forwarding.targets.map((t: { name: string }) => t.name)).toEqual(['bot']);
  });

  it('a created target gets the next push', async () => {
    const { relay, call } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TOKEN });
    const target = await receiver();
    expect((await call('POST', '/targets', { name: 'live', url: target.url })).status).toBe(201);
    const push = await fetch(`http://127.0.0.1:${relay.port}/sonorancad/event`, {
      method: 'POST',
      body: sampleText('EVENT_UNIT_PANIC.object.json'),
      headers: { 'content-type': 'application/json' },
    });
    expect(push.status).toBe(200);
    await until(() => target.requests.length === 1, 'the push at the new target');
    expect(target.json()[0]).toMatchObject({ type: 'EVENT_UNIT_PANIC' });
  });

  it('switches a target off and on, and sends with its method', async () => {
    const { relay, call } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TOKEN });
    const target = await receiver();
    const push = () =>
      fetch(`http://127.0.0.1:${relay.port}/sonorancad/event`, {
        method: 'POST',
        body: sampleText('EVENT_UNIT_PANIC.object.json'),
        headers: { 'content-type': 'application/json' },
      });
    expect((await call('POST', '/targets', { name: 'hook', url: target.url, method: 'PUT' })).status).toBe(
      201,
    );
    expect((await push()).status).toBe(200);
    await until(() => target.requests.length === 1, 'the first push');
    expect(target.requests[0]!.method).toBe('PUT');

    expect((await call('PATCH', '/targets/hook', { enabled: false })).json.target.enabled).toBe(false);
    expect((await push()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(target.requests).toHaveLength(1);

    expect((await call('PATCH', '/targets/hook', { enabled: true })).json.target.enabled).toBe(true);
    expect((await push()).status).toBe(200);
    await until(() => target.requests.length === 2, 'the push after switching on');
  });

  it('refuses bad requests in order: 415, 413, 400, 404, 409, with the schema message per field', async () => {
    const { call, file } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TOKEN });
    const big = JSON.stringify({ name: 'big', url: `https://x.example.com/${'a'.repeat(70 * 1024)}` });
    expect((await call('POST', '/targets', big, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call('POST', '/targets', big)).status).toBe(413);
    expect((await call('POST', '/targets', '{"name":')).json.error).toBe('bad_json');

    const cases: [Record<string, unknown>, string, string | RegExp][] = [
      [{ name: 'bad name' }, 'name', 'use 1-64 letters, digits, "_", "-" or "."'],
      [{ name: 'pushEventForwardUrl' }, 'name', '"pushEventForwardUrl" is reserved for the official key'],
      [{ url: 'ftp://x' }, 'url', 'expected an http:// or https:// URL'],
      [{ enabled: 'yes' }, 'enabled', 'Invalid input: expected boolean, received string'],
      [{ method: 'GET' }, 'method', 'Invalid option: expected one of "POST"|"PUT"'],
      [{ events: [] }, 'events', /expected array to have >=1 items/],
      [{ format: 'xml' }, 'format', 'Invalid option: expected one of "raw"|"discord"'],
      [{ includeKey: 1 }, 'includeKey', 'Invalid input: expected boolean, received number'],
      [{ secret: 'whsec_abcdefgh' }, 'secret', /give the NAME of a convar/],
      [{ headers: { Host: 'x' } }, 'headers.Host', 'set by the forwarder itself'],
      [{ timeoutSeconds: 0 }, 'timeoutSeconds', /expected number to be >0/],
      [{ maxAttempts: 0.5 }, 'maxAttempts', /expected int/],
      [{ maxAgeSeconds: -1 }, 'maxAgeSeconds', /expected number to be >0/],
      [{ colour: 'red' }, 'colour', 'not a setting here'],
    ];
    for (const [change, field, message] of cases) {
      const reply = await call('POST', '/targets', { name: 'ok', url: 'https://ok.example.com/', ...change });
      expect(reply.status, field).toBe(400);
      expect(reply.json.fields[field], field).toMatch(message);
    }
    expect((await call('PATCH', '/targets/bot', { name: 'renamed' })).json.fields.name).toMatch(
      /cannot change/,
    );
    expect((await call('GET', '/targets/nope')).status).toBe(404);
    expect((await call('DELETE', '/targets/nope')).status).toBe(404);
    expect((await call('POST', '/targets', { name: 'bot', url: 'https://x.example.com/' })).status).toBe(409);
    expect(file()).toBe(CONFIG);
  });

  it('concurrent requests lose no update', async () => {
    const { call, file } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TOKEN });
    const names = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const replies = await Promise.all([
      ...names.map((name) => call('POST', '/targets', { name, url: `https://${name}.example.com/` })),
      call('PATCH', '/targets/bot', { timeoutSeconds: 3 }),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual([...names.map(() => 201), 200]);
    const saved = JSON.parse(file()).forwarding.targets;
    expect(saved.map((t: { name: string }) => t.name).sort()).toEqual(['bot', ...names].sort());
    expect(saved[0].timeoutSeconds).toBe(3);
  });

  it('never shows header values, in answers or in the console', async () => {
    const { relay, call } = await relayWith({ SONORANCAD_ADMIN_TOKEN: TOKEN });
    const answers = [
      await call('GET', '/targets'),
      await call('GET', '/targets/bot'),
      await call('PATCH', '/targets/bot', { headers: { 'X-Extra': 'another-hidden-value' } }),
      await call('POST', '/targets', {
        name: 'x',
        url: 'https://x.example.com/',
        headers: { A: 'third-hidden' },
      }),
    ];
    for (const answer of answers)
      expect(answer.text).not.toMatch(/header-value-never-shown|another-hidden|third-hidden/);
    expect(relay.output()).not.toMatch(
      /header-value-never-shown|another-hidden|third-hidden|management-token/,
    );
  });
});

describe('forward target commands on the relay console', () => {
  it('changes config.json from standard input, as in the FXServer console', async () => {
    const { relay, file } = await relayWith({});
    relay.child.stdin?.write('sonorancad forward disable bot\n');
    await until(() => relay.output().includes('"bot" is off'), 'the answer');
    expect(JSON.parse(file()).forwarding.targets[0].enabled).toBe(false);
    relay.child.stdin?.write('sonorancad forward list\n');
    await until(() => relay.output().includes('bot: OFF'), 'the listing');
    expect(relay.output()).not.toContain('header-value-never-shown');
  });
});
