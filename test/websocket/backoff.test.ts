/**
 * However the hub misbehaves, the session never reconnects in a loop: every attempt that does not end
 * in a good session follows the schedule (at once, 2 s, 10 s, 30 s, then 30–60 s), and the console hears
 * of it at once, then every few minutes. Each case runs ten minutes of the manual clock against the hub
 * stand-in over real sockets.
 */
import { describe, expect, it } from 'vitest';
import type { HubFault } from '../doubles/hub/faults';
import { authenticated, perMinute, type Rig, rig, run, waitFor } from './session-rig';

const MINUTES = 10;

/** What the documented schedule gives when every attempt fails at once (random 0.5: no jitter). */
const SCHEDULE_MS = [0, 2_000, 10_000, 30_000, 30_000];
const STEADY_MS = 60_000;
function expectedAttempts(minutes: number): number[] {
  const at = [0];
  for (let failure = 0; ; failure += 1) {
    const next = at.at(-1)! + (SCHEDULE_MS[failure] ?? STEADY_MS);
    if (next >= minutes * 60_000) return perMinute(at, 0, minutes);
    at.push(next);
  }
}

const websocketLines = (r: Rig) => r.lines.filter((line) => /websocket/i.test(line));

/** At most 6 attempts in any minute after the first two, and exactly what the schedule gives. */
function expectPaced(r: Rig, started: number) {
  const counts = perMinute(r.attempts, started, MINUTES);
  expect(Math.max(...counts.slice(2))).toBeLessThanOrEqual(6);
  expect(counts).toEqual(expectedAttempts(MINUTES));
}

/** The first line names the reason; then one every 5 minutes with the attempts and the next try. */
function expectLines(r: Rig, reason: RegExp) {
  const lines = websocketLines(r);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/Websocket to Sonoran's hub not connected: /);
  expect(lines[0]).toMatch(reason);
  expect(lines[0]).toContain('Retrying at once');
  expect(lines[1]).toMatch(/Websocket still down after 5 min \(10 failed attempts\), retrying in 60 s\./);
  expect(lines[1]).toMatch(reason);
}

const faults: [HubFault, RegExp][] = [
  ['close-with-error', /the hub closed the session: Connection closed with an error/],
  ['close-allow-reconnect', /the hub closed the session/],
  ['close-on-authenticate', /WebSocket closed with status code: 1000/],
  ['drop-after-handshake', /WebSocket closed with status code: 1006/],
  ['no-separator', /the hub sent an incomplete message/],
  ['invalid-utf8', /Invalid UTF-8/i],
];

describe('a misbehaving hub never draws a reconnect storm', () => {
  for (const [fault, reason] of faults) {
    it(`${fault}: paced by the schedule for ten minutes, two console lines`, async () => {
      const r = await rig();
      r.hub.fault = fault;
      const started = r.timers.now();
      r.session.start();
      await run(r, MINUTES * 60_000);
      expectPaced(r, started);
      expectLines(r, reason);
      expect(r.session.status().failedAttempts).toBe(r.attempts.length);
      expect(r.hub.authAttempts.filter((a) => a.success)).toHaveLength(0);
    });
  }

  it('an over-size frame: refused unread, paced, and the line says so', async () => {
    const r = await rig({ settings: { maxFrameBytes: 64 * 1024 } });
    r.hub.fault = 'oversize';
    const started = r.timers.now();
    r.session.start();
    await run(r, MINUTES * 60_000);
    expectPaced(r, started);
    expectLines(r, /the hub sent a frame over 65536 bytes \(maxBodyBytes and its envelope\), refused unread/);
  });

  it('a new reason gets its own line at once, with the attempts so far', async () => {
    const r = await rig();
    r.hub.negotiateRules.status = 500;
    r.session.start();
    await run(r, 60_000);
    r.hub.negotiateRules.status = null;
    r.hub.fault = 'drop-after-handshake';
    await run(r, 60_000);
    expect(websocketLines(r)).toEqual([
      expect.stringContaining('not connected: negotiation with the hub failed: HTTP 500'),
      // The failures at 0, 0, 2, 12 and 42 s were the 500s; the drop at 72 s is the sixth.
      expect.stringMatching(
        /Websocket still down after 72 s \(6 failed attempts\), now: WebSocket closed with status code: 1006 .*Retrying in 60 s\./,
      ),
    ]);
  });

  it('only a session up for a minute starts the schedule over, and says it holds', async () => {
    const r = await rig();
    r.hub.negotiateRules.status = 500;
    r.session.start();
    // Failures at 0, 0, 2 and 12 s; the attempt at 42 s succeeds.
    await run(r, 41_000);
    r.hub.negotiateRules.status = null;
    await run(r, 1_000);
    await authenticated(r);
    expect(r.session.status().failedAttempts).toBe(4);
    r.timers.advance(59_999);
    expect(r.session.status().failedAttempts).toBe(4);
    r.timers.advance(1);
    expect(r.session.status().failedAttempts).toBe(0);
    expect(websocketLines(r).at(-1)).toMatch(
      /Websocket session back and holding, authenticated as server 1, after 102 s and 4 failed attempts\./,
    );
    r.hub.drop();
    await waitFor(r, () => r.session.status().state === 'waiting', 'the loss');
    expect(r.timers.nextIn()).toBe(0);
    expect(r.session.status().failedAttempts).toBe(1);
  });

  it('negotiate answering 500: paced, and the line says so', async () => {
    const r = await rig();
    r.hub.negotiateRules.status = 500;
    const started = r.timers.now();
    r.session.start();
    await run(r, MINUTES * 60_000);
    expectPaced(r, started);
    expectLines(r, /negotiation with the hub failed: HTTP 500/);
    expect(r.hub.sessions).toHaveLength(0);
  });

  it('the hub down: paced, and the line says so', async () => {
    const r = await rig();
    await r.hub.stop();
    const started = r.timers.now();
    r.session.start();
    await run(r, MINUTES * 60_000);
    expectPaced(r, started);
    expectLines(r, /fetch failed/);
  });

  it('authentication never answered: one socket, asked again once a minute, one line', async () => {
    const r = await rig();
    r.hub.answeringAuth = false;
    r.session.start();
    await run(r, MINUTES * 60_000);
    expect(r.attempts).toHaveLength(1);
    expect(r.hub.sessions).toHaveLength(1);
    // Asked at 0, given up after 30 s, asked again a minute later: at 0, 90 s, 180 s, … 540 s.
    expect(r.hub.authAttempts).toHaveLength(7);
    expect(r.session.status().state).toBe('refused');
    expect(websocketLines(r)).toEqual([
      expect.stringMatching(/refused the websocket authentication: no answer within 30 s/),
    ]);
  });

  it('sessions closed 30 s after authenticating, repeatedly: each is a failed attempt', async () => {
    const r = await rig();
    const started = r.timers.now();
    r.session.start();
    await run(r, MINUTES * 60_000, () => {
      r.timers.advance(30_000);
      r.hub.close({ error: 'Server is restarting.' });
    });
    // Up 30 s each, then 0, 2, 10, 30, 30 s, then a minute: attempts at 0, 30, 62, 102, 162, 222, 312 s…
    const counts = perMinute(r.attempts, started, MINUTES);
    expect(counts).toEqual([2, 2, 1, 1, 0, 1, 1, 0, 1, 1]);
    expect(r.hub.authAttempts.every((a) => a.success)).toBe(true);
    const lines = websocketLines(r);
    expect(lines[0]).toContain('authenticated as server 1');
    expect(lines[1]).toMatch(/lost: the hub closed the session: Server is restarting\. Retrying at once/);
    expect(lines[2]).toMatch(/still down after 5 min \(7 failed attempts\), retrying in 60 s/);
    expect(lines).toHaveLength(3);
    // None of them was good: every session that ended counts.
    expect(r.session.status().failedAttempts).toBe(r.session.status().reconnects);
  });
});
