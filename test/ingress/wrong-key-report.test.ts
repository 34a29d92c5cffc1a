/** Wrong keys over HTTP: a console line per address and minute, with the count, never the key. */
import { describe, expect, it } from 'vitest';
import { createWrongKeyReport } from '../../src/core/ingress/wrong-key-report';
import { createLogger } from '../../src/core/log';
import { manualTimers } from '../forward/harness';
import { startResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { sample } from '../helpers/samples';

function report() {
  const lines: string[] = [];
  const timers = manualTimers();
  const start = timers.now();
  const wrongKeys = createWrongKeyReport(createLogger({ print: (line) => lines.push(line) }), timers);
  return { lines, wrongKeys, at: (ms: number) => timers.advanceTo(start + ms) };
}

const line = (from: string, count: number) =>
  `[sonorancad] warn: wrong key from ${from}: ${count} in the last minute`;

describe('wrong-key report', () => {
  it('prints the first at once, then the rest of the minute in one line, per address', () => {
    const { lines, wrongKeys, at } = report();
    wrongKeys.failed('203.0.113.9');
    expect(lines).toEqual([line('203.0.113.9', 1)]);
    for (const ms of [1_000, 20_000, 59_000, 59_500]) {
      at(ms);
      wrongKeys.failed('203.0.113.9');
    }
    wrongKeys.failed('198.51.100.4');
    expect(lines).toEqual([line('203.0.113.9', 1), line('198.51.100.4', 1)]);
    at(65_000);
    expect(lines).toEqual([line('203.0.113.9', 1), line('198.51.100.4', 1), line('203.0.113.9', 4)]);
    // Nothing more came: no further lines, and the address is forgotten.
    at(300_000);
    expect(lines).toHaveLength(3);
    wrongKeys.failed('203.0.113.9');
    expect(lines.at(-1)).toBe(line('203.0.113.9', 1));
  });

  it('never prints an address twice within a minute, however steady the guessing', () => {
    const { lines, wrongKeys, at } = report();
    for (let ms = 0; ms < 600_000; ms += 250) {
      at(ms);
      wrongKeys.failed('203.0.113.9');
    }
    at(700_000);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(11);
    const counted = lines.reduce(
      (sum, text) => sum + Number(/: (\d+) in the last minute$/.exec(text)![1]),
      0,
    );
    expect(counted).toBe(2_400);
  });

  it('counts a spray of addresses past the first 10,000 together', () => {
    const { lines, wrongKeys, at } = report();
    for (let i = 0; i < 10_005; i += 1) wrongKeys.failed(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(lines).toHaveLength(10_000);
    at(5_000);
    expect(lines.at(-1)).toBe(line('10000+ further addresses', 5));
  });

  it('prints what is still counted when the generation ends', () => {
    const { lines, wrongKeys } = report();
    wrongKeys.failed('203.0.113.9');
    wrongKeys.failed('203.0.113.9');
    wrongKeys.flush();
    expect(lines).toEqual([line('203.0.113.9', 1), line('203.0.113.9', 1)]);
  });
});

describe('wrong keys through the resource', () => {
  it('shows the address and the count in the console, never the key sent', async () => {
    const res = await startResource();
    try {
      const guess = 'guessed-key-never-printed';
      for (let i = 0; i < 4; i += 1) {
        const reply = await post(res.server.baseUrl, '/sonorancad/event', {
          body: JSON.stringify(sample('EVENT_UNIT_PANIC.object.json', guess)),
          remoteAddress: `203.0.113.9:${40_000 + i}`,
        });
        expect(reply.status).toBe(401);
      }
      expect(res.server.logs.filter((entry) => entry.includes('wrong key from'))).toEqual([
        '[sonorancad:ingress] warn: wrong key from 203.0.113.9: 1 in the last minute',
      ]);
      expect(res.server.logs.join('\n')).not.toContain(guess);
      res.server.assertHealthy();
    } finally {
      await res.close();
    }
  });
});
