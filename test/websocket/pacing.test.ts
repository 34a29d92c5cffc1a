/**
 * For any sequence of failures, no two connection attempts are closer than the documented schedule
 * allows: after the n-th failed attempt since the last good session (authenticated and up for more than
 * a minute), at least 0, 2, 10, 30 s, then 30 and 60 s less 20 % jitter; and never more than 6 attempts in
 * a minute once a streak is two minutes old. The hub is a scripted connection on the manual clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log';
import { HubClosedError, type HubConnection, type HubState } from '../../src/core/websocket/hub-connection';
import { createSession } from '../../src/core/websocket/session';
import { ManualTimers } from './manual-timers';
import { settingsFor } from './session-rig';

type Outcome =
  | { kind: 'unreachable' }
  | { kind: 'lost-before-auth'; byHub: boolean }
  | { kind: 'refused'; lastsMs: number }
  | { kind: 'up'; lastsMs: number; byHub: boolean };

const GOOD_MS = 60_000;
const MIN_DELAY_MS = [0, 2_000, 10_000, 30_000, 24_000];
const MIN_STEADY_MS = 48_000;
const minDelay = (failures: number) => MIN_DELAY_MS[failures - 1] ?? MIN_STEADY_MS;

interface Attempt {
  startedAt: number;
  endedAt: number | null;
  good: boolean;
}

/** A connection whose every start plays the next scripted outcome. */
class ScriptedHub implements HubConnection {
  state: HubState = 'Disconnected';
  readonly attempts: Attempt[] = [];
  private closers: ((error: Error | undefined) => void)[] = [];
  private outcome: Outcome = { kind: 'unreachable' };
  private ending: unknown = null;

  constructor(
    private readonly script: Outcome[],
    private readonly timers: ManualTimers,
  ) {}

  on(): void {}
  onclose(callback: (error: Error | undefined) => void): void {
    this.closers.push(callback);
  }

  async start(): Promise<void> {
    this.outcome = this.script[this.attempts.length % this.script.length]!;
    const attempt: Attempt = { startedAt: this.timers.now(), endedAt: null, good: false };
    this.attempts.push(attempt);
    if (this.outcome.kind === 'unreachable') {
      attempt.endedAt = this.timers.now();
      throw new Error('connect ECONNREFUSED');
    }
    this.state = 'Connected';
  }

  async invoke<T>(): Promise<T> {
    const outcome = this.outcome;
    if (outcome.kind === 'lost-before-auth') {
      this.end(outcome.byHub ? new HubClosedError('the hub closed the session') : new Error('1006'));
      throw new Error('the connection closed');
    }
    if (outcome.kind === 'unreachable') throw new Error('not connected');
    const attempt = this.attempts.at(-1)!;
    if (this.ending === null) {
      attempt.good = outcome.kind === 'up' && outcome.lastsMs > GOOD_MS;
      const byHub = outcome.kind === 'up' && outcome.byHub;
      this.ending = this.timers.setTimeout(
        () => this.end(byHub ? new HubClosedError('the hub closed the session') : new Error('1006')),
        outcome.lastsMs,
      );
    }
    return (outcome.kind === 'up' ? { success: true } : { success: false, error: 'Invalid API key.' }) as T;
  }

  async stop(): Promise<void> {
    this.state = 'Disconnected';
  }

  private end(error: Error): void {
    this.state = 'Disconnected';
    this.ending = null;
    this.attempts.at(-1)!.endedAt = this.timers.now();
    for (const closer of this.closers) closer(error);
  }
}

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.constant({ kind: 'unreachable' as const }),
  fc.record({ kind: fc.constant('lost-before-auth' as const), byHub: fc.boolean() }),
  fc.record({ kind: fc.constant('refused' as const), lastsMs: fc.integer({ min: 0, max: 200_000 }) }),
  fc.record({
    kind: fc.constant('up' as const),
    lastsMs: fc.integer({ min: 0, max: 200_000 }),
    byHub: fc.boolean(),
  }),
);

/** Runs the session for `ms` on the manual clock, letting every step settle before the next timer. */
async function simulate(script: Outcome[], randoms: number[], ms: number): Promise<Attempt[]> {
  const timers = new ManualTimers();
  const hub = new ScriptedHub(script, timers);
  let draw = 0;
  const session = createSession({
    settings: settingsFor('https://hub.test/apiWsHub'),
    timers,
    log: createLogger({ print: () => {} }),
    random: () => randoms[draw++ % randoms.length]!,
    connect: async () => hub,
    onPush: () => {},
  });
  const end = timers.now() + ms;
  session.start();
  while (timers.now() < end) {
    await new Promise((resolve) => setImmediate(resolve));
    const next = timers.nextIn();
    if (next === null) throw new Error('the session stopped trying');
    timers.advance(Math.min(next, end - timers.now()));
  }
  await session.stop();
  return hub.attempts;
}

describe('the reconnect pace', () => {
  it('keeps every attempt at least the schedule apart, and at most 6 a minute after two minutes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(outcome, { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }),
        async (script, randoms) => {
          const attempts = await simulate(script, randoms, 30 * 60_000);
          expect(attempts.length).toBeGreaterThan(1);
          let failures = 0;
          let streakStart = attempts[0]!.startedAt;
          const streak: number[] = [];
          for (let i = 1; i < attempts.length; i += 1) {
            const before = attempts[i - 1]!;
            failures = before.good ? 1 : failures + 1;
            if (before.good) {
              streakStart = before.endedAt!;
              streak.length = 0;
            }
            const { startedAt } = attempts[i]!;
            expect(startedAt - before.endedAt!).toBeGreaterThanOrEqual(minDelay(failures));
            streak.push(startedAt);
            if (startedAt - streakStart >= 2 * 60_000) {
              expect(streak.filter((at) => at > startedAt - 60_000).length).toBeLessThanOrEqual(6);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
