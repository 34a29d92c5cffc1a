/** A target its owner switched off (`enabled: false`): nothing new queued, backlog kept, delivered once on. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver, until } from '../helpers/receiver';
import { type Harness, pushes, startForwarder, trackOpen } from './harness';

const track = trackOpen();

const deadLetters = (harness: Harness): { id: string; target: string; reason: string }[] => {
  const path = join(harness.forwardDir, 'dead-letters.ndjson');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** A backlog of three events for "a", left by a run stopped while "a" had not answered the first. */
async function backlogFor(options: { maxAgeSeconds?: number } = {}) {
  const silent = track(await startReceiver(() => ({ delayMs: 60_000 })));
  const first = startForwarder({
    forwarding: { targets: [{ name: 'a', url: silent.url, timeoutSeconds: 300, ...options }] },
  });
  for (const n of [1, 2, 3]) first.push(pushes.panic(n));
  await until(() => silent.requests.length === 1, 'the first attempt');
  first.stop();
  return { dataDir: first.dataDir, firstId: silent.requests[0]!.headers['webhook-id'] };
}

describe('a target that is off', () => {
  it('queues nothing new, keeps its backlog unsent, and delivers it in order once on again', async () => {
    const { dataDir, firstId } = await backlogFor();
    const up = track(await startReceiver());

    const off = track(
      startForwarder({ dataDir, forwarding: { targets: [{ name: 'a', url: up.url, enabled: false }] } }),
    );
    off.push(pushes.panic(4));
    await settle();
    expect(up.requests).toHaveLength(0);
    expect(off.forwarder.status().targets[0]).toMatchObject({
      name: 'a',
      off: true,
      disabled: null,
      queued: 3,
    });
    expect(off.forwarder.status().backlog.events).toBe(3);
    expect(() => off.forwarder.test('a')).toThrow('"a" is off');
    off.stop();

    const on = track(startForwarder({ dataDir, forwarding: { targets: [{ name: 'a', url: up.url }] } }));
    await until(() => up.requests.length === 3, 'the kept backlog');
    expect(up.json().map((body) => (body.data as { identIds: number[] }).identIds[0])).toEqual([1, 2, 3]);
    expect(up.requests[0]!.headers['webhook-id']).toBe(firstId);
    // The receiver has the last body before the forwarder has its answer.
    await until(() => on.forwarder.status().targets[0]!.delivered === 3, 'the answers counted');
    expect(on.forwarder.status().targets[0]).toMatchObject({ off: false, queued: 0, inFlight: 0 });
    expect(deadLetters(on)).toEqual([]);
  });

  it('still ages its backlog: what passes maxAgeSeconds while off goes to dead letters', async () => {
    const { dataDir } = await backlogFor({ maxAgeSeconds: 1 });
    const up = track(await startReceiver());
    const off = track(
      startForwarder({
        dataDir,
        forwarding: { targets: [{ name: 'a', url: up.url, enabled: false, maxAgeSeconds: 1 }] },
      }),
    );
    await until(() => deadLetters(off).length === 3, 'the aged backlog in dead letters');
    expect(deadLetters(off)[0]).toMatchObject({
      target: 'a',
      reason: expect.stringMatching(/^not delivered within maxAgeSeconds/),
    });
    expect(up.requests).toHaveLength(0);
    expect(off.forwarder.status().targets[0]).toMatchObject({ off: true, queued: 0, deadLettered: 3 });
  });

  it('is off, not disabled: a missing signing secret does not throw its backlog away', async () => {
    const { dataDir } = await backlogFor();
    const up = track(await startReceiver());
    const off = track(
      startForwarder({
        dataDir,
        forwarding: { targets: [{ name: 'a', url: up.url, enabled: false, secret: 'UNSET_SECRET' }] },
      }),
    );
    await settle();
    expect(off.forwarder.status().targets[0]).toMatchObject({ off: true, queued: 3 });
    expect(deadLetters(off)).toEqual([]);
  });

  it('removed, it leaves its backlog in the dead-letter file', async () => {
    const { dataDir } = await backlogFor();
    const other = track(await startReceiver());
    const removed = track(
      startForwarder({ dataDir, forwarding: { targets: [{ name: 'b', url: other.url }] } }),
    );
    await until(() => deadLetters(removed).length === 3, 'the backlog in dead letters');
    expect(deadLetters(removed).map((letter) => [letter.target, letter.reason])).toEqual(
      Array.from({ length: 3 }, () => ['a', 'target no longer configured']),
    );
  });
});
