/** Delivery against real loopback receivers: attempts, ids, Retry-After, filters, order, dead letters. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver, until } from '../helpers/receiver';
import {
  API_KEY,
  type Harness,
  manualTimers,
  playRetries,
  pushes,
  startForwarder,
  trackOpen,
} from './harness';

const track = trackOpen();

/** A timeout the retry tests can tell apart from the backoff waits they record. */
const SLOW_TIMEOUT = { timeoutSeconds: 300 };

const deadLetters = (harness: Harness) =>
  readFileSync(join(harness.forwardDir, 'dead-letters.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('retries', () => {
  it('retries 5xx, 408, 429 and network errors with the same webhook-id until delivered', async () => {
    const statuses = [500, 408, 429, 502, 200];
    const receiver = track(await startReceiver((_, index) => ({ status: statuses[index] })));
    const timers = manualTimers();
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'a', url: receiver.url, ...SLOW_TIMEOUT }] },
        timers,
      }),
    );
    harness.push(pushes.panic(7));
    await playRetries(
      harness,
      timers,
      () => harness.forwarder.status().targets[0]!.delivered === 1,
      'delivery',
    );
    expect(receiver.requests).toHaveLength(5);
    const ids = new Set(receiver.requests.map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^msg_[0-9a-f]{32}$/);
    const status = harness.forwarder.status().targets[0]!;
    expect(status).toMatchObject({ delivered: 1, failed: 4, deadLettered: 0, queued: 0, inFlight: 0 });
    // Backoff doubles from 1 s (jitter pinned to its middle); the 429 does not count as a failure.
    expect(timers.delays.filter((ms) => ms !== 300_000)).toEqual([1000, 2000, 2000, 4000]);
  });

  it('honours Retry-After in seconds', async () => {
    const receiver = track(
      await startReceiver((_, index) =>
        index === 0 ? { status: 503, headers: { 'Retry-After': '7' } } : {},
      ),
    );
    const timers = manualTimers();
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'a', url: receiver.url, ...SLOW_TIMEOUT }] },
        timers,
      }),
    );
    harness.push(pushes.panic(1));
    await playRetries(harness, timers, () => receiver.requests.length === 2, 'the retry');
    expect(timers.delays.filter((ms) => ms !== 300_000)).toEqual([7000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const retryAt = Math.ceil(Date.now() / 1000) * 1000 + 3_600_000;
    const receiver = track(
      await startReceiver(() => ({
        status: 429,
        headers: { 'Retry-After': new Date(retryAt).toUTCString() },
      })),
    );
    const harness = track(startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] } }));
    harness.push(pushes.panic(1));
    await until(() => harness.forwarder.status().targets[0]!.nextAttemptAt !== null, 'a scheduled retry');
    expect(harness.forwarder.status().targets[0]!.nextAttemptAt).toBeCloseTo(retryAt, -2);
    expect(receiver.requests).toHaveLength(1);
  });

  it('caps the backoff at 60 s and gives up at maxAgeSeconds into the dead-letter file', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const timers = manualTimers();
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'a', url: receiver.url, ...SLOW_TIMEOUT, maxAgeSeconds: 600 }] },
        timers,
      }),
    );
    const pushedAt = timers.now();
    harness.push(pushes.panic(1));
    await playRetries(
      harness,
      timers,
      () => harness.forwarder.status().targets[0]!.deadLettered === 1,
      'dead letter',
    );
    // 1 + 2 + … + 32 s, then 60 s at most, until the next wait would end past 600 s (at 603 s): given up at 543 s.
    const waits = timers.delays.filter((ms) => ms !== 300_000);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, ...Array(8).fill(60_000)]);
    expect(receiver.requests).toHaveLength(15);
    const [letter] = deadLetters(harness);
    expect(letter).toMatchObject({ target: 'a', type: 'EVENT_UNIT_PANIC', deadAt: pushedAt + 543_000 });
    expect(letter.reason).toContain('maxAgeSeconds (600)');
    expect(letter.reason).toContain('HTTP 503');
  });

  it('stops at maxAttempts', async () => {
    const receiver = track(await startReceiver(() => ({ status: 500 })));
    const timers = manualTimers();
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'a', url: receiver.url, maxAttempts: 3, ...SLOW_TIMEOUT }] },
        timers,
      }),
    );
    harness.push(pushes.panic(1));
    await playRetries(
      harness,
      timers,
      () => harness.forwarder.status().targets[0]!.deadLettered === 1,
      'dead letter',
    );
    expect(receiver.requests).toHaveLength(3);
    expect(deadLetters(harness)[0].reason).toMatch(/^gave up after 3 attempts/);
  });

  it('counts a receiver slower than timeoutSeconds as a failure and retries', async () => {
    const receiver = track(await startReceiver((_, index) => ({ delayMs: index === 0 ? 2_000 : 0 })));
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [{ name: 'a', url: receiver.url, timeoutSeconds: 0.2 }],
          retry: { firstDelaySeconds: 0.01 },
        },
      }),
    );
    harness.push(pushes.panic(1));
    await until(() => harness.forwarder.status().targets[0]!.delivered === 1, 'delivery');
    expect(receiver.requests).toHaveLength(2);
    expect(harness.forwarder.status().targets[0]!.lastError?.message).toBe('timed out after 200 ms');
  });
});

describe('final answers', () => {
  it('dead-letters other 4xx and 3xx at once, without following redirects, and keeps going', async () => {
    const statuses = [400, 302, 200];
    const receiver = track(
      await startReceiver((_, index) => ({
        status: statuses[index],
        headers: { Location: 'http://127.0.0.1:1/' },
      })),
    );
    const harness = track(startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] } }));
    harness.push(pushes.panic(1));
    harness.push(pushes.panic(2));
    harness.push(pushes.panic(3));
    await until(() => harness.forwarder.status().targets[0]!.delivered === 1, 'third event');
    expect(receiver.requests).toHaveLength(3);
    const letters = deadLetters(harness);
    expect(letters.map((letter) => letter.reason)).toEqual(['HTTP 400', 'HTTP 302']);
    expect(letters.map((letter) => letter.body)).toEqual([pushes.panic(1), pushes.panic(2)]);
    // Dead letters outlive the journal: a raw target's keep no key.
    expect(JSON.stringify(letters)).not.toContain(API_KEY);
    expect(harness.logs.some((line) => line.includes('moved to dead letters: HTTP 400'))).toBe(true);
  });

  it('disables a target answering 410 and dead-letters what it holds, loudly', async () => {
    const receiver = track(await startReceiver(() => ({ status: 410 })));
    const harness = track(startForwarder({ forwarding: { targets: [{ name: 'gone', url: receiver.url }] } }));
    harness.push(pushes.panic(1));
    harness.push(pushes.panic(2));
    await until(() => harness.forwarder.status().targets[0]!.deadLettered === 2, 'dead letters');
    expect(receiver.requests).toHaveLength(1);
    expect(harness.forwarder.status().targets[0]!.disabled).toBe('HTTP 410');
    expect(harness.logs.filter((line) => line.includes('FORWARD TARGET "gone" DISABLED'))).toHaveLength(1);
  });
});

describe('targets', () => {
  it('each get only the types their patterns match, by name as sent or canonical', async () => {
    const all = track(await startReceiver());
    const dispatch = track(await startReceiver());
    const panics = track(await startReceiver());
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [
            { name: 'all', url: all.url },
            { name: 'dispatch', url: dispatch.url, events: ['event_dispatch_*'] },
            { name: 'panics', url: panics.url, events: ['EVENT_UNIT_PANIC', 'EVENT_DISPATCH_CLOSED'] },
          ],
        },
      }),
    );
    harness.push(pushes.panic(1));
    harness.push(pushes.dispatchNew(2));
    harness.push(pushes.unitLogout(3));
    harness.push({ type: 'EVENT_DISPATCH_CLOSE', data: { callIds: [2] } });
    await until(() => all.requests.length === 4, 'all four');
    await until(() => dispatch.requests.length === 2 && panics.requests.length === 2, 'filtered ones');
    expect(all.json().map((body) => body.type)).toEqual([
      'EVENT_UNIT_PANIC',
      'EVENT_DISPATCH_NEW',
      'EVENT_UNIT_LOGOUT',
      'EVENT_DISPATCH_CLOSE',
    ]);
    expect(dispatch.json().map((body) => body.type)).toEqual(['EVENT_DISPATCH_NEW', 'EVENT_DISPATCH_CLOSE']);
    // The alias EVENT_DISPATCH_CLOSE matches a pattern naming its canonical type.
    expect(panics.json().map((body) => body.type)).toEqual(['EVENT_UNIT_PANIC', 'EVENT_DISPATCH_CLOSE']);
  });

  it('keep their own order, and a slow or failing target holds up no other', async () => {
    // The slow target answers only after the test; the failing one's retry waits on a clock that never moves.
    const slow = track(await startReceiver(() => ({ delayMs: 60_000 })));
    const failing = track(await startReceiver(() => ({ status: 503 })));
    const fast = track(await startReceiver());
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [
            { name: 'slow', url: slow.url, timeoutSeconds: 300 },
            { name: 'failing', url: failing.url },
            { name: 'fast', url: fast.url },
          ],
        },
        timers: manualTimers(),
      }),
    );
    for (let id = 1; id <= 20; id += 1) harness.push(pushes.panic(id));
    await until(() => fast.requests.length === 20, 'the fast target');
    expect(fast.json().map((body) => (body.data as { identIds: number[] }).identIds[0])).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
    // One request at a time per target: the slow one is still on its first, the failing one waits to retry.
    expect(slow.requests).toHaveLength(1);
    expect(failing.requests).toHaveLength(1);
    const [slowLane, failingLane] = harness.forwarder.status().targets;
    expect(slowLane).toMatchObject({ inFlight: 1, queued: 19, delivered: 0 });
    expect(failingLane).toMatchObject({ inFlight: 0, queued: 20, failed: 1 });
  });

  it('send custom headers beside the ones they cannot override', async () => {
    const receiver = track(await startReceiver());
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [{ name: 'a', url: receiver.url, headers: { Authorization: 'Bearer abc123' } }],
        },
      }),
    );
    harness.push(pushes.panic(1));
    await until(() => receiver.requests.length === 1, 'delivery');
    const { headers } = receiver.requests[0]!;
    expect(headers.authorization).toBe('Bearer abc123');
    expect(headers['content-type']).toBe('application/json');
    expect(Number(headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(headers['webhook-signature']).toBeUndefined();
  });
});

describe('the API key', () => {
  it('is stripped from raw forwards, even where the CAD echoed it into a field', async () => {
    const receiver = track(await startReceiver());
    const harness = track(startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] } }));
    harness.push({
      type: 'EVENT_DISPATCH_NOTE',
      data: { callId: 4, note: { content: `my key is ${API_KEY.toUpperCase()}!` }, [API_KEY]: 1 },
    });
    await until(() => receiver.requests.length === 1, 'delivery');
    const { body } = receiver.requests[0]!;
    expect(body.toLowerCase()).not.toContain(API_KEY.toLowerCase());
    expect(JSON.parse(body)).toEqual({
      type: 'EVENT_DISPATCH_NOTE',
      data: { callId: 4, note: { content: 'my key is [redacted]!' }, '[redacted]': 1 },
    });
  });

  it('is sent in the exact received bytes only to includeKey targets (the official keys make one)', async () => {
    const legacy = track(await startReceiver());
    const harness = track(startForwarder({ forwarding: {}, legacyUrl: legacy.url }));
    const raw = harness.push(pushes.call911(12));
    await until(() => legacy.requests.length === 1, 'delivery');
    expect(legacy.requests[0]!.body).toBe(raw);
    expect(harness.forwarder.status().targets.map((target) => target.name)).toEqual(['pushEventForwardUrl']);
    expect(harness.logs.filter((line) => line.includes('signing secret keeps the key'))).toHaveLength(1);
  });
});
