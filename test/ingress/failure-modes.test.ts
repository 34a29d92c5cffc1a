/** One test per way a request can be wrong, each starting from a valid sample with one thing broken. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEvents } from '../../src/shared/events';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { sample, sampleText, TEST_KEY } from '../helpers/samples';

const EVENT = '/sonorancad/event';
const valid = () => sample('EVENT_911.object.json');

let res: TestResource;
beforeAll(async () => {
  res = await startResource();
});
afterAll(async () => {
  res.server.assertHealthy();
  await res.close();
});

const send = (body: unknown, extra: Parameters<typeof post>[2] = {}) =>
  post(res.server.baseUrl, EVENT, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    ...extra,
  });

const eventsNamed = (name: string) => res.server.localEvents.filter((e) => e.name === name).length;

describe('a valid push', () => {
  it('is answered 200 {"ok":true} and re-emitted', async () => {
    const before = eventsNamed(LocalEvents.IncomingCadCall);
    const reply = await send(valid());
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ok: true });
    expect(reply.headers['content-type']).toMatch(/application\/json/);
    expect(eventsNamed(LocalEvents.IncomingCadCall)).toBe(before + 1);
  });

  it('accepts the key in another case and the type in lower case, as the official resource does', async () => {
    const reply = await send({ ...valid(), key: TEST_KEY.toUpperCase(), type: 'event_911' });
    expect(reply.status).toBe(200);
  });

  it('accepts mixed-case header names and a query string', async () => {
    const reply = await post(res.server.baseUrl, `${EVENT}?source=cad`, {
      body: JSON.stringify(valid()),
      headers: { 'cOnTeNt-TyPe': 'application/json' },
    });
    expect(reply.status).toBe(200);
  });

  it('arrives the same when the body trails the head', async () => {
    const reply = await send(valid(), { headers: { 'x-test-body-timing': 'late' } });
    expect(reply.status).toBe(200);
  });
});

describe('refused before the body is read', () => {
  it('wrong method: 405 with Allow: POST', async () => {
    const reply = await post(res.server.baseUrl, EVENT, { method: 'GET' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
    expect(reply.json).toMatchObject({ ok: false, error: 'method_not_allowed' });
  });

  it('wrong path: 404', async () => {
    const reply = await send(valid(), {});
    const other = await post(res.server.baseUrl, '/sonorancad/events', { body: JSON.stringify(valid()) });
    expect(reply.status).toBe(200);
    expect(other.status).toBe(404);
    expect(other.json).toMatchObject({ error: 'not_found' });
  });

  it('no body: 400 at once (FXServer would never deliver one)', async () => {
    const reply = await post(res.server.baseUrl, EVENT, { method: 'POST' });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: 'empty_body' });
  });

  it('declared length over maxBodyBytes: 413 without waiting for the body', async () => {
    const big = JSON.stringify({ ...valid(), padding: 'x'.repeat(300 * 1024) });
    const reply = await send(big);
    expect(reply.status).toBe(413);
    expect(reply.json).toMatchObject({ error: 'payload_too_large' });
  });
});

describe('refused after the body is read', () => {
  it('malformed JSON: 400 naming the problem', async () => {
    const reply = await send(`${sampleText('EVENT_911.object.json').slice(0, -1)}`);
    expect(reply.status).toBe(400);
    expect((reply.json as { message: string }).message).toMatch(/JSON/);
  });

  it('not an object: 400', async () => {
    const reply = await send([valid()]);
    expect(reply.status).toBe(400);
  });

  it('missing type: 400 naming "type"', async () => {
    const { type: _drop, ...rest } = valid();
    const reply = await send(rest);
    expect(reply.status).toBe(400);
    expect((reply.json as { message: string }).message).toMatch(/type/);
  });

  it('non-string type: 400', async () => {
    const reply = await send({ ...valid(), type: 911 });
    expect(reply.status).toBe(400);
  });

  it('wrong key: 401, nothing emitted', async () => {
    const before = res.server.localEvents.length;
    const reply = await send({ ...valid(), key: 'not-the-key' });
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: 'unauthorized' });
    expect(res.server.localEvents.length).toBe(before);
  });

  it('missing key: 401', async () => {
    const { key: _drop, ...rest } = valid();
    expect((await send(rest)).status).toBe(401);
  });
});

describe('authenticated but not understood', () => {
  it('unknown type: 202, still re-emitted as OtherEvent', async () => {
    const before = eventsNamed(LocalEvents.OtherEvent);
    const reply = await send({ key: TEST_KEY, type: 'EVENT_SOMETHING_NEW', data: { a: 1 } });
    expect(reply.status).toBe(202);
    expect(reply.json).toMatchObject({ ok: true, understood: false });
    const other = res.server.localEvents.filter((e) => e.name === LocalEvents.OtherEvent);
    expect(other.length).toBe(before + 1);
    expect(other.at(-1)?.args).toEqual(['EVENT_SOMETHING_NEW', { a: 1 }]);
  });

  it('known type with an unexpected shape: 202 with a reason naming the field', async () => {
    const reply = await send({ key: TEST_KEY, type: 'EVENT_UNIT_PANIC', data: { identIds: 'twelve' } });
    expect(reply.status).toBe(202);
    expect((reply.json as { reason: string }).reason).toMatch(/identId/);
  });
});

describe('the key stays secret', () => {
  it('never appears in a log line or a reply', async () => {
    await send({ ...valid(), key: `${TEST_KEY}x` });
    await send({ key: TEST_KEY, type: 'EVENT_UNIT_PANIC', data: { identIds: TEST_KEY } });
    const replies = await Promise.all([send(valid()), send('{bad')]);
    for (const reply of replies) expect(reply.text.toLowerCase()).not.toContain(TEST_KEY.toLowerCase());
    expect(res.server.logs.join('\n').toLowerCase()).not.toContain(TEST_KEY.toLowerCase());
  });
});

describe('chunked bodies', () => {
  it('are read when they arrive after the handler asked for them', async () => {
    const reply = await send(valid(), { chunked: true, headers: { 'x-test-body-timing': 'late' } });
    expect(reply.status).toBe(200);
  });

  it('get 408 in time when FXServer dropped the body, instead of hanging', async () => {
    const started = Date.now();
    const reply = await send(valid(), { chunked: true });
    expect(reply.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
