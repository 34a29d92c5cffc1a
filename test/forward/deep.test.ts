/** A push nested 100,000 levels deep: the parser takes it, so it is answered and forwarded, key removed, whatever else cannot walk it. */
import { afterEach, describe, expect, it } from 'vitest';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { TEST_KEY } from '../helpers/samples';

const DEPTH = 100_000;
let res: TestResource | undefined;
const receivers: Receiver[] = [];
afterEach(async () => {
  await res?.close();
  res = undefined;
  for (const receiver of receivers.splice(0)) await receiver.close();
});

const deep = (inner: string) => `${'['.repeat(DEPTH)}${inner}${']'.repeat(DEPTH)}`;

describe('a push nested 100,000 levels deep', () => {
  for (const type of ['EVENT_DEEP', 'EVENT_911']) {
    it(`${type}: reaches a raw target without its key, and an includeKey target as received`, async () => {
      const plain = await startReceiver();
      const keyed = await startReceiver();
      receivers.push(plain, keyed);
      res = await startResource({
        config: {
          forwarding: {
            targets: [
              { name: 'plain', url: plain.url },
              { name: 'keyed', url: keyed.url, includeKey: true },
            ],
          },
        },
      });
      // The key echoed deep inside: masked there too.
      const data = type === 'EVENT_911' ? `{"call":${deep(`"${TEST_KEY}"`)}}` : deep(`"${TEST_KEY}"`);
      const body = `{"key":"${TEST_KEY}", "type":"${type}","data":${data}}`;
      const reply = await post(res.server.baseUrl, '/sonorancad/event', { body });
      expect([200, 202]).toContain(reply.status);
      await until(() => plain.requests.length === 1 && keyed.requests.length === 1, 'both forwards');
      expect(keyed.requests[0]!.body).toBe(body);
      const sent = plain.requests[0]!.body;
      expect(sent).not.toContain(TEST_KEY);
      expect(sent).toBe(`{"type":"${type}","data":${data.replace(TEST_KEY, '[redacted]')}}`);
      expect(() => JSON.parse(sent)).not.toThrow();
    });
  }
});
