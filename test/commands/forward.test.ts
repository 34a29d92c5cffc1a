/** `sonorancad forward …` as an operator types it. */
import { describe, expect, it } from 'vitest';
import { forwardCommand } from '../../src/core/commands/forward';
import type { CommandContext } from '../../src/core/commands/router';
import { type Harness, manualTimers, pushes, startForwarder, trackOpen } from '../forward/harness';
import { memoryConfig } from '../helpers/memory-config';
import { startReceiver, until } from '../helpers/receiver';

const track = trackOpen();

async function run(harness: Harness, ...args: string[]): Promise<string[]> {
  return runAt(harness, Date.now(), ...args);
}

/** At a pinned clock, so durations in the answer are exact. */
async function runAt(harness: Harness, now: number, ...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const context: CommandContext = { source: 0, reply: (line) => lines.push(line) };
  await forwardCommand(harness.forwarder, () => now, memoryConfig(null).targets).run(context, args);
  return lines;
}

describe('sonorancad forward', () => {
  it('status: the backlog, then one line per target with its counters, next attempt and last error', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503, body: 'down for maintenance' })));
    // The retry waits on a clock that never moves, so the lane is still in its first wait when asked.
    const timers = manualTimers();
    const harness = track(
      startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] }, timers }),
    );
    harness.push(pushes.panic(1));
    await until(() => harness.forwarder.status().targets[0]!.nextAttemptAt !== null, 'a scheduled retry');
    const [summary, target] = await runAt(harness, timers.now() + 400, 'status');
    expect(summary).toMatch(
      /^Forwarding: 1 undelivered \(\d+ B; bounds 20000 events, 64\.0 MiB\), journal \d+ B/,
    );
    // The first retry comes 1 s after the failure (jitter pinned to its middle); the command runs 400 ms in.
    expect(target).toBe(
      '  a [raw]: RETRYING in 600 ms; queued 1, in flight 0, delivered 0, failed 1, ' +
        'dead-lettered 0; last error 400 ms ago: HTTP 503: down for maintenance',
    );
  });

  it('status without targets says where to add them', async () => {
    const harness = track(startForwarder({ forwarding: {} }));
    expect(await run(harness)).toEqual([
      'No forward targets are configured (forwarding.targets in config.json).',
    ]);
  });

  it('test: reports what became of the test event', async () => {
    const receiver = track(await startReceiver((_, index) => ({ status: index === 0 ? 200 : 400 })));
    const harness = track(startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] } }));
    const delivered = await run(harness, 'test', 'a');
    expect(delivered[1]).toMatch(/^Test event msg_\w+ delivered to "a"\.$/);
    const refused = await run(harness, 'test', 'a');
    expect(refused[1]).toMatch(/^Test event msg_\w+ was not delivered to "a": HTTP 400$/);
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ type: 'EVENT_FORWARD_TEST' });
  });

  it('replay: says how many were re-queued; wrong use gets the usage line', async () => {
    const receiver = track(await startReceiver(() => ({ status: 400 })));
    const harness = track(startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] } }));
    harness.push(pushes.panic(1));
    await until(() => harness.forwarder.status().targets[0]!.deadLettered === 1, 'a dead letter');
    expect(await run(harness, 'replay', 'a')).toEqual(['Re-queued 1 dead-lettered event(s) for "a".']);
    expect(await run(harness, 'replay')).toEqual([
      'Usage: sonorancad forward status|test <target>|replay <target>|list|add|set|enable|disable|remove',
    ]);
    expect(await run(harness, 'purge', 'a')).toEqual([
      'Usage: sonorancad forward status|test <target>|replay <target>|list|add|set|enable|disable|remove',
    ]);
  });
});
