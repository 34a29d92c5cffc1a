/** The one line a forward target gets in `status` and `forward status`, at a pinned clock. */
import { describe, expect, it } from 'vitest';
import { laneLine } from '../../src/core/commands/lane-line';
import type { LaneStatus } from '../../src/core/forward/queue/lane';

const NOW = 1_800_000_000_000;
const idle: LaneStatus = {
  name: 'hook',
  format: 'raw',
  queued: 0,
  inFlight: 0,
  delivered: 3,
  failed: 0,
  deadLettered: 0,
  lastError: null,
  nextAttemptAt: null,
  off: false,
  disabled: null,
};
const counts = 'delivered 3, failed 0, dead-lettered 0';

describe('laneLine', () => {
  it('ok when nothing is owed', () => {
    expect(laneLine(idle, NOW)).toBe(`  hook [raw]: ok; queued 0, in flight 0, ${counts}`);
  });

  it('sending while events are queued or in flight', () => {
    expect(laneLine({ ...idle, queued: 2, inFlight: 1 }, NOW)).toBe(
      `  hook [raw]: sending; queued 2, in flight 1, ${counts}`,
    );
  });

  it('RETRYING with the wait below a second in ms, above it in s, and the last error', () => {
    const failing = { ...idle, queued: 1, lastError: { message: 'HTTP 503', at: NOW - 1_200 } };
    expect(laneLine({ ...failing, nextAttemptAt: NOW + 850 }, NOW)).toBe(
      `  hook [raw]: RETRYING in 850 ms; queued 1, in flight 0, ${counts}; last error 1 s ago: HTTP 503`,
    );
    expect(laneLine({ ...failing, nextAttemptAt: NOW + 1_000 }, NOW)).toBe(
      `  hook [raw]: RETRYING in 1 s; queued 1, in flight 0, ${counts}; last error 1 s ago: HTTP 503`,
    );
  });

  it('DISABLED wins over a scheduled retry, with its reason', () => {
    const line = laneLine({ ...idle, format: 'discord', disabled: 'HTTP 410', nextAttemptAt: NOW + 5 }, NOW);
    expect(line).toBe(`  hook [discord]: DISABLED (HTTP 410); queued 0, in flight 0, ${counts}`);
  });

  it('masks a URL that the last error or the reason it was disabled quotes', () => {
    const echoed = 'HTTP 502: no upstream for https://bot:pw@up.example.com/in?token=t0k';
    const line = laneLine(
      {
        ...idle,
        disabled: `HTTP 410: gone, see http://x.example.com/?sig=abc`,
        lastError: { message: echoed, at: NOW },
      },
      NOW,
    );
    expect(line).toContain('DISABLED (HTTP 410: gone, see http://x.example.com/?sig=[hidden])');
    expect(line).toContain(
      'last error 0 ms ago: HTTP 502: no upstream for https://[hidden]@up.example.com/in?token=[hidden]',
    );
    expect(line).not.toMatch(/pw@|t0k|abc/);
  });

  it("OFF, the owner's choice, in words of its own and before DISABLED", () => {
    expect(laneLine({ ...idle, off: true, queued: 4 }, NOW)).toBe(
      `  hook [raw]: OFF (enabled: false); queued 4, in flight 0, ${counts}`,
    );
    expect(laneLine({ ...idle, off: true, disabled: 'its signing secret S is not set' }, NOW)).toMatch(
      /^ {2}hook \[raw\]: OFF \(enabled: false\);/,
    );
  });
});
