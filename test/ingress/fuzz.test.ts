/** Whatever arrives, every request gets exactly one well-formed reply: no crash, no hang, no misuse of res. */
import { METHODS } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { sample, sampleFiles, TEST_KEY } from '../helpers/samples';

let res: TestResource;
beforeAll(async () => {
  res = await startResource({ config: { maxBodyBytes: 4096 }, hangTimeoutMs: 4500 });
});
afterAll(async () => {
  await res.close();
});

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const headerValue = fc.stringMatching(/^[ -~]{0,40}$/).map((v) => v.trim());
// Node's parser (under the double) refuses methods it does not know, so draw from the ones it does.
const method = fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT'));
const path = fc.oneof(
  fc.constantFrom(
    '/sonorancad/event',
    '/SONORANCAD/Event',
    '/sonorancad/event/',
    '/sonorancad',
    '/sonorancad/',
    '/sonorancad/event?x=1',
  ),
  fc.stringMatching(/^\/sonorancad\/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]{0,30}$/),
);
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const mutatedSample = fc
  .tuple(fc.constantFrom(...sampleFiles), fc.constantFrom('key', 'type', 'data'), jsonValue, fc.boolean())
  .map(([file, field, value, keep]) => {
    const body = sample(file);
    if (keep) body[field] = value;
    else delete body[field];
    return JSON.stringify(body);
  });
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  jsonValue.map((v) => JSON.stringify(v)),
  mutatedSample,
  fc.constantFrom(...sampleFiles).map((f) => JSON.stringify(sample(f))),
  fc.constant(JSON.stringify({ key: TEST_KEY, type: 'EVENT_911', data: 'x'.repeat(5000) })),
);

describe('fuzzed requests', () => {
  it('always get one JSON reply with a status FXServer accepts', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        fc.dictionary(
          token.filter((t) => !/^(content-length|transfer-encoding|host|connection|expect)$/i.test(t)),
          headerValue,
          { maxKeys: 5 },
        ),
        body,
        async (m, p, headers, b) => {
          const reply = await post(res.server.baseUrl, p, {
            method: m,
            headers,
            ...(b === undefined || m === 'HEAD' ? {} : { body: b }),
            // A LAN address: exempt from FXServer's limiter, so every answer is ours.
            remoteAddress: '10.1.2.3:5000',
          });
          expect(Number.isInteger(reply.status)).toBe(true);
          if (m !== 'HEAD') {
            const parsed = reply.json as { ok?: unknown };
            expect(typeof parsed.ok).toBe('boolean');
          }
          expect(res.server.fatals).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
    res.server.assertHealthy();
  });
});
