/**
 * `sonorancad forward test <target>`: an event shaped like a push, so receivers exercise their usual
 * path, queued for one target behind what it already has; resolves with what became of it.
 */
import type { Timers } from '../../runtime';
import type { Intake } from '../queue/intake';
import type { Lane } from '../queue/lane';

const TEST_EVENT_TYPE = 'EVENT_FORWARD_TEST';
/** How long the test waits beyond the target's own timeout before answering "pending". */
const TEST_GRACE_MS = 5_000;

/** What became of a test event: `pending` when it was neither delivered nor given up on in time. */
export interface TestResult {
  id: string;
  outcome: 'delivered' | 'failed' | 'pending';
  reason?: string;
}

export interface TestEventDeps {
  intake: Intake;
  /** Calls `listener` with how event `seq` settled (null: delivered) until the returned function is called. */
  watch(seq: number, listener: (reason: string | null) => void): () => void;
  /** Put into the test event for an includeKey target, as its pushes have it. */
  apiKey: string;
  timers: Timers;
  running: boolean;
}

function testPush(target: string, at: number): Record<string, unknown> {
  return {
    type: TEST_EVENT_TYPE,
    data: {
      message: `Test event for the forward target "${target}".`,
      target,
      sentAt: new Date(at).toISOString(),
    },
  };
}

/** Throws, before queueing anything, while forwarding is not running or when the target is off. */
export function sendTestEvent(lane: Lane, deps: TestEventDeps): Promise<TestResult> {
  const { target } = lane;
  if (!deps.running) throw new Error('Forwarding is not running.');
  if (!target.enabled) throw new Error(`Forward target "${target.name}" is off (enabled: false).`);
  const { timers } = deps;
  const at = timers.now();
  const push = testPush(target.name, at);
  const raw = JSON.stringify(target.includeKey ? { key: deps.apiKey, ...push } : push);
  const { seq, id } = deps.intake.add(at, TEST_EVENT_TYPE, [target.name], raw);
  return new Promise((resolve) => {
    const timeout = timers.setTimeout(
      () => {
        unwatch();
        resolve({ id, outcome: 'pending' });
      },
      target.timeoutSeconds * 1000 + TEST_GRACE_MS,
    );
    const unwatch = deps.watch(seq, (reason) => {
      timers.clearTimeout(timeout);
      unwatch();
      resolve(reason === null ? { id, outcome: 'delivered' } : { id, outcome: 'failed', reason });
    });
  });
}
