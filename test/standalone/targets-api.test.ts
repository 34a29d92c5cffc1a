import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createTargetsApi, MAX_API_BODY_BYTES } from '../../src/standalone/targets-api';
import { memoryConfig } from '../helpers/memory-config';

const TOKEN = 'admin-token-for-the-tests-0123456789';
const FILE = JSON.stringify({
  forwarding: {
    targets: [
      { name: 'bot', url: 'https://bot.example.com/', headers: { Authorization: 'Bearer hush-hush' } },
    ],
  },
});

function api(initial: string | null = FILE) {
  const config = memoryConfig(initial);
  const compare = vi.fn(timingSafeEqual);
  const handler = createTargetsApi({ token: TOKEN, admin: config.targets, compare });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
  ) => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return handler.handle({ method, path, header: (name) => lower[name] }, async (limit) =>
      Buffer.byteLength(text) > limit ? null : text,
    );
  };
  return { config, compare, handler, call };
}

describe('management API, in process', () => {
  it('owns /targets and /targets/<name> only', () => {
    const { handler } = api();
    expect(
      ['/targets', '/targets/', '/targets/bot', '/targets?x=1', '/targets/a/b'].map(handler.owns),
    ).toEqual([true, true, true, true, true]);
    expect(['/event', '/targetsx', '/', '/target'].map(handler.owns)).toEqual([false, false, false, false]);
  });

  it('lists, creates (201), reads, patches and deletes (204)', async () => {
    const { call, config } = api();
    expect(await call('GET', '/targets')).toMatchObject({
      status: 200,
      body: { ok: true, targets: [{ name: 'bot', headers: ['Authorization'] }] },
    });
    const created = await call('POST', '/targets', { name: 'new', url: 'https://new.example.com/' });
    expect(created).toMatchObject({ status: 201, body: { target: { name: 'new', format: 'raw' } } });
    expect(await call('GET', '/targets/new')).toMatchObject({
      status: 200,
      body: { target: { name: 'new' } },
    });
    const patched = await call(
      'PATCH',
      '/targets/new',
      { events: ['EVENT_911'] },
      {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/merge-patch+json',
      },
    );
    expect(patched).toMatchObject({ status: 200, body: { target: { events: ['EVENT_911'] } } });
    expect(await call('DELETE', '/targets/new')).toEqual({ status: 204, body: {} });
    expect(JSON.parse(config.file.text!).forwarding.targets.map((t: { name: string }) => t.name)).toEqual([
      'bot',
    ]);
  });

  it('answers every route alike without the right token, before anything else', async () => {
    const { call, compare, config } = api();
    const replies = [];
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong' },
      { authorization: TOKEN },
    ]) {
      for (const [method, path] of [
        ['GET', '/targets'],
        ['POST', '/targets'],
        ['GET', '/targets/bot'],
        ['PATCH', '/targets/nope'],
        ['DELETE', '/targets/bot'],
        ['PUT', '/targets'],
        ['GET', '/targets/a/b'],
      ] as const) {
        replies.push(await call(method, path, 'x'.repeat(MAX_API_BODY_BYTES + 1), headers));
      }
    }
    expect(new Set(replies.map((reply) => JSON.stringify(reply))).size).toBe(1);
    expect(replies[0]).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
    expect(compare).toHaveBeenCalledTimes(replies.length);
    expect(config.file.writes).toBe(0);
  });

  it('checks content type, then size, then JSON', async () => {
    const { call } = api();
    const auth = { authorization: `Bearer ${TOKEN}` };
    const big = { name: 'x', url: `https://x.example.com/${'a'.repeat(MAX_API_BODY_BYTES)}` };
    expect(await call('POST', '/targets', big, { ...auth, 'content-type': 'text/plain' })).toMatchObject({
      status: 415,
    });
    expect(await call('POST', '/targets', big, auth)).toMatchObject({ status: 415 });
    expect(await call('POST', '/targets', big)).toMatchObject({ status: 413 });
    expect(await call('POST', '/targets', '{ "name": ')).toMatchObject({
      status: 400,
      body: { error: 'bad_json' },
    });
    expect(await call('PATCH', '/targets/bot', '[1')).toMatchObject({
      status: 400,
      body: { error: 'bad_json' },
    });
  });

  it('400 names each field with the schema message', async () => {
    const { call } = api();
    const reply = await call('POST', '/targets', {
      name: 'ok',
      url: 'mailto:x',
      format: 'xml',
      timeoutSeconds: -1,
      extra: 1,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: 'invalid_target',
      fields: {
        url: 'expected an http:// or https:// URL',
        format: expect.stringContaining('raw'),
        timeoutSeconds: expect.stringContaining('0'),
        extra: 'not a setting here',
      },
    });
    expect(await call('POST', '/targets', [1, 2])).toMatchObject({ status: 400 });
    expect(await call('PATCH', '/targets/bot', { name: 'renamed' })).toMatchObject({
      status: 400,
      body: { fields: { name: expect.stringContaining('cannot change') } },
    });
  });

  it('404 for an unknown target or route, 409 for a duplicate, 405 with Allow', async () => {
    const { call } = api();
    expect(await call('GET', '/targets/nope')).toMatchObject({
      status: 404,
      body: { error: 'unknown_target' },
    });
    expect(await call('PATCH', '/targets/nope', {})).toMatchObject({ status: 404 });
    expect(await call('DELETE', '/targets/nope')).toMatchObject({ status: 404 });
    expect(await call('GET', '/targets/a/b')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await call('POST', '/targets', { name: 'bot', url: 'https://x.example.com/' })).toMatchObject({
      status: 409,
    });
    expect(await call('PUT', '/targets/bot', {})).toMatchObject({
      status: 405,
      headers: { Allow: 'GET, PATCH, DELETE' },
    });
  });

  it('503 while config.json is broken elsewhere, with its problems', async () => {
    const { call } = api('{ "debug": "yes" }');
    expect(await call('GET', '/targets')).toMatchObject({
      status: 503,
      body: { error: 'config_invalid', problems: [expect.stringMatching(/^config\.json debug: /)] },
    });
  });

  it('never answers with header values', async () => {
    const { call } = api();
    const replies = [
      await call('GET', '/targets'),
      await call('GET', '/targets/bot'),
      await call('PATCH', '/targets/bot', { headers: { 'X-Other': 'also-hidden' } }),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply)).not.toMatch(/hush-hush|also-hidden/);
    }
  });

  it('concurrent requests lose no update', async () => {
    const { call, config } = api();
    const names = Array.from({ length: 15 }, (_, i) => `t${i}`);
    const replies = await Promise.all(
      names.map((name) => call('POST', '/targets', { name, url: `https://${name}.x/` })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(names.map(() => 201));
    expect(JSON.parse(config.file.text!).forwarding.targets).toHaveLength(16);
  });
});
