/**
 * Whatever the hub sends as pushEvent's arguments (garbage, strings over maxBodyBytes, deep nesting) in
 * a frame within the socket's limit, the resource stays up, the session survives, and nothing without our
 * key is acted on. (A frame over the limit ends the session: backoff.test.ts.)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEvents } from '../../src/shared/events';
import { type Hub, startHub } from '../doubles/hub/hub';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { sample, sampleFiles, TEST_KEY } from '../helpers/samples';

const MAX_BODY = 65_536;
/** The socket takes frames up to 1.25 × maxBodyBytes + 4 KiB: the frames here stay below that. */
const MAX_FRAME = 80_000;
let hub: Hub;
let res: TestResource;

beforeAll(async () => {
  hub = await startHub({ communityId: 'c1', apiKey: TEST_KEY, serverIds: [1], pingMs: 200 });
  res = await startResource({
    config: { communityID: 'c1', serverId: 1, maxBodyBytes: MAX_BODY, websocket: { hubUrl: hub.url } },
  });
  await res.server.waitFor(() => hub.authenticated(1).length === 1);
});
afterAll(async () => {
  await res.close();
  await hub.stop();
});

/** Types of the pushes acted on. */
const received = () =>
  res.server.localEvents.filter((event) => event.name === LocalEvents.Received).map((event) => event.args[0]);
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const jsonValue = fc.jsonValue({ maxDepth: 4 });
// Samples with one field broken, and a key that is never ours.
const keyless = fc
  .tuple(fc.constantFrom(...sampleFiles), fc.oneof(fc.string({ maxLength: 40 }), jsonValue))
  .map(([file, key]) => ({ ...sample(file), key: key === TEST_KEY ? 'x' : key }));
const argument = fc.oneof(
  jsonValue,
  fc.string({ maxLength: 300 }),
  jsonValue.map((value) => JSON.stringify(value)),
  keyless,
  keyless.map((body) => JSON.stringify(body)),
  fc.constant('x'.repeat(MAX_BODY + 1_000)),
  fc.constant(JSON.stringify({ key: 'nope', type: 'EVENT_911', data: 'x'.repeat(50_000) })),
  fc.constant(`{"key":"nope","type":"EVENT_911","data":${deep(5_000)}}`),
);

describe('fuzzed pushEvent arguments', () => {
  it('never crash, never end the session, never act without our key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(argument, { maxLength: 3 }).filter((args) => JSON.stringify(args).length < MAX_FRAME),
        fc.boolean(),
        async (args, asString) => {
          const frame = JSON.stringify({
            type: 1,
            target: asString ? 'PUSHEVENT' : 'pushEvent',
            arguments: args,
          });
          hub.sendRaw(`${frame}\x1e`);
          expect(res.server.fatals).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
    // A deeply nested object argument, with our key: dropped or handled, never a crash.
    hub.sendRaw(
      `{"type":1,"target":"pushEvent","arguments":[{"key":"${TEST_KEY}","type":"EVENT_911","data":${deep(20_000)}}]}\x1e`,
    );
    // A good push afterwards still arrives, on the same session.
    hub.push(sample('EVENT_UNIT_PANIC.object.json'));
    // The socket delivers in order, so once the good push is in, everything before it was handled.
    await res.server.waitFor(() => received().includes('EVENT_UNIT_PANIC'));
    const acted = received();
    expect(acted.filter((type) => type === 'EVENT_UNIT_PANIC')).toHaveLength(1);
    expect(acted.filter((type) => type !== 'EVENT_UNIT_PANIC')).toEqual(
      acted.length === 2 ? ['EVENT_911'] : [],
    );
    expect(hub.sessions.filter((session) => session.ended)).toHaveLength(0);
    res.server.assertHealthy();
  });
});
