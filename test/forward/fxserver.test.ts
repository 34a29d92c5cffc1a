/** End to end through the FXServer double: a push to the resource is forwarded, and the journal stays in its folder. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { TEST_KEY } from '../helpers/samples';
import { pushes } from './harness';

let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe('forwarding inside FXServer', () => {
  it('forwards a push without its key, journals inside the resource folder, and answers the forward command', async () => {
    const resource = await startResource({
      config: { forwarding: { targets: [{ name: 'sink', url: receiver.url }] } },
      convars: { sonoran_apiKey: TEST_KEY },
    });
    try {
      const body = JSON.stringify({ key: TEST_KEY, ...pushes.panic(31) });
      const reply = await post(resource.server.baseUrl, '/sonorancad/event', { body });
      expect(reply.status).toBe(200);
      await until(() => receiver.requests.length === 1, 'the forwarded push');
      expect(JSON.parse(receiver.requests[0]!.body)).toEqual(pushes.panic(31));
      expect(existsSync(join(resource.dir, 'data', 'forwarding', 'journal.ndjson'))).toBe(true);

      // Asked again until the delivery has settled: the receiver can have the push before its answer is read.
      await resource.server.waitFor(() => {
        resource.server.runCommand('sonorancad', 0, ['forward', 'status']);
        return resource.server.logs.some((line) =>
          line.includes('sink [raw]: ok; queued 0, in flight 0, delivered 1, failed 0, dead-lettered 0'),
        );
      });

      resource.server.runCommand('sonorancad', 0, ['forward', 'test', 'sink']);
      await resource.server.waitFor(() =>
        resource.server.logs.some((line) => line.includes('delivered to "sink"')),
      );
      expect(JSON.parse(receiver.requests[1]!.body)).toMatchObject({
        type: 'EVENT_FORWARD_TEST',
        data: { target: 'sink' },
      });
      expect(resource.server.logs.join('\n')).not.toContain(TEST_KEY);
      resource.server.assertHealthy();
    } finally {
      await resource.close();
    }
  });
});
