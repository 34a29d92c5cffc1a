/** Key guessing, a missing key and a broken config.json: each answered, none crashing or hanging. */
import { describe, expect, it } from 'vitest';
import { startResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { sample, TEST_KEY } from '../helpers/samples';

const EVENT = '/sonorancad/event';
const body = (key: string) => JSON.stringify(sample('EVENT_UNIT_PANIC.object.json', key));

describe('wrong keys from one address', () => {
  it('are answered 429 from the tenth on, for that address only', async () => {
    const res = await startResource();
    try {
      const attacker = '203.0.113.7:40000';
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) {
        statuses.push(
          (await post(res.server.baseUrl, EVENT, { body: body('guess'), remoteAddress: attacker })).status,
        );
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      const blocked = await post(res.server.baseUrl, EVENT, {
        body: body(TEST_KEY),
        remoteAddress: attacker,
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      const other = await post(res.server.baseUrl, EVENT, {
        body: body(TEST_KEY),
        remoteAddress: '198.51.100.9:1',
      });
      expect(other.status).toBe(200);
      expect(res.server.logs.filter((l) => l.includes('Too many wrong keys')).length).toBe(1);
      res.server.assertHealthy();
    } finally {
      await res.close();
    }
  });
});

describe('no key configured', () => {
  it('starts, names the convar once, and answers 503', async () => {
    const res = await startResource({ convars: {} });
    try {
      const reply = await post(res.server.baseUrl, EVENT, { body: body(TEST_KEY) });
      expect(reply.status).toBe(503);
      expect(reply.json).toMatchObject({ error: 'not_configured' });
      expect(res.server.logs.filter((l) => l.includes('sonoran_apiKey')).length).toBe(1);
      res.server.assertHealthy();
    } finally {
      await res.close();
    }
  });

  it('falls back to apiKey in config.json', async () => {
    const res = await startResource({ convars: {}, config: { apiKey: 'from-file-key' } });
    try {
      const reply = await post(res.server.baseUrl, EVENT, { body: body('from-file-key') });
      expect(reply.status).toBe(200);
    } finally {
      await res.close();
    }
  });
});

describe('an invalid config.json', () => {
  it('is reported by field, without values, and pushes get 503', async () => {
    const res = await startResource({ config: { maxBodyBytes: 'lots', apiKey: 'secret-in-file' } });
    try {
      const reply = await post(res.server.baseUrl, EVENT, { body: body(TEST_KEY) });
      expect(reply.status).toBe(503);
      const logs = res.server.logs.join('\n');
      expect(logs).toMatch(/maxBodyBytes/);
      expect(logs).not.toContain('lots');
      expect(logs).not.toContain('secret-in-file');
    } finally {
      await res.close();
    }
  });

  it('that is not JSON is reported too', async () => {
    const res = await startResource({ rawConfig: '{ "debug": tru' });
    try {
      expect((await post(res.server.baseUrl, EVENT, { body: body(TEST_KEY) })).status).toBe(503);
      expect(res.server.logs.join('\n')).toMatch(/config\.json is not valid JSON/);
    } finally {
      await res.close();
    }
  });
});
