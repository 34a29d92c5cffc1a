/**
 * The websocket session against the hub stand-in, over real sockets; the reconnect schedule runs on a
 * manual clock. The package's own silence timeout runs for real, so it is short only where a test is about
 * it: elsewhere a slow moment of a loaded machine must not end a session that the manual clock would then
 * never reopen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log';
import { HubClient } from '../../src/core/websocket/hub-client';
import type { HubConnection } from '../../src/core/websocket/hub-connection';
import { createSession } from '../../src/core/websocket/session';
import { startHub } from '../doubles/hub/hub';
import { MessageType } from '../doubles/hub/types';
import { until } from '../helpers/receiver';
import { ManualTimers } from './manual-timers';
import { authenticated, KEY, rig, settingsFor, waitFor } from './session-rig';

describe('websocket session', () => {
  it('negotiates, sends the affinity cookie back, authenticates with [string, string, number]', async () => {
    const r = await rig();
    r.session.start();
    await authenticated(r);
    expect(r.hub.negotiations).toHaveLength(1);
    expect(r.hub.sessions[0]!.headers.cookie).toMatch(/^ARRAffinity=/);
    const [attempt] = r.hub.authAttempts;
    expect(attempt!.arguments).toEqual(['c1', KEY, 1]);
    expect(r.lines.join('\n')).toContain('authenticated as server 1');
    expect(r.lines.join('\n')).not.toContain(KEY);
  });

  it('sends a server id that is not all digits as a string', async () => {
    const r = await rig({ settings: { serverId: 'alpha' } });
    r.session.start();
    await authenticated(r);
    expect(r.hub.authAttempts[0]!.arguments[2]).toBe('alpha');
  });

  it('hands both payload forms on and answers a Completion when the hub asks for one', async () => {
    const r = await rig();
    r.session.start();
    await authenticated(r);
    const event = { key: KEY, type: 'EVENT_UNIT_STATUS', data: { identId: 7 } };
    expect(r.hub.push(event)).toBe(1);
    expect(r.hub.push(event, { form: 'string', invocationId: '42' })).toBe(1);
    await waitFor(r, () => r.pushes.length === 2 && r.hub.completions().length === 1, 'both pushes');
    expect(r.pushes[0]).toEqual(event);
    expect(r.pushes[1]).toBe(JSON.stringify(event));
    expect(r.hub.completions()[0]).toMatchObject({
      type: MessageType.Completion,
      invocationId: '42',
      result: true,
    });
  });

  it('reconnects at once after an abrupt drop and authenticates again', async () => {
    const r = await rig();
    r.session.start();
    await authenticated(r);
    r.hub.drop();
    await waitFor(r, () => r.timers.nextIn() === 0, 'the reconnect to be scheduled');
    expect(r.lines.some((line) => line.includes('Websocket to Sonoran') && line.includes('lost'))).toBe(true);
    r.timers.advance(0);
    await authenticated(r, 2);
    expect(r.session.status().reconnects).toBe(1);
    expect(r.hub.sessions).toHaveLength(2);
  });

  for (const allowReconnect of [true, false]) {
    it(`reopens the session after a hub Close ${allowReconnect ? 'with' : 'without'} allowReconnect`, async () => {
      const r = await rig();
      r.session.start();
      await authenticated(r);
      r.hub.close({ allowReconnect, error: 'Hub restarting' });
      await waitFor(r, () => r.timers.nextIn() === 0, 'the reconnect to be scheduled');
      expect(r.session.status().lastError?.message).toContain('Hub restarting');
      r.timers.advance(0);
      await authenticated(r, 2);
    });
  }

  it('gives up on a silent hub after the timeout and tries again', async () => {
    // Pings every 100 ms keep the session up until the hub goes silent; only a stall of the whole process
    // for 900 ms could end it sooner.
    const timeoutMs = 1_000;
    const r = await rig({ settings: { timeoutMs } });
    r.session.start();
    await authenticated(r);
    r.hub.talking = false;
    const lastSent = r.hub.sessions[0]!.lastSentAt!;
    await waitFor(r, () => r.session.status().state === 'waiting', 'the session to be given up');
    const lost = r.lines.findIndex((line) => line.includes('lost'));
    expect(r.session.status().lastError?.message).toMatch(/timeout/i);
    // Measured from the hub's last message to the line the close printed; the timers and Date.now() may
    // round the millisecond differently.
    expect(r.printedAt[lost]! - lastSent).toBeGreaterThanOrEqual(timeoutMs - 2);
    r.hub.talking = true;
    r.timers.advance(0);
    await authenticated(r, 2);
  });

  it('keeps a refused socket open and asks again no faster than once a minute, saying so once', async () => {
    const r = await rig();
    r.hub.refuseAuth = 'Invalid API key.';
    r.session.start();
    await waitFor(r, () => r.session.status().state === 'refused', 'the refusal');
    r.timers.advance(59_000);
    expect(r.timers.nextIn()).toBe(1_000);
    // Time for a loop that asks without waiting for the clock to show itself.
    await sleep(100);
    expect(r.hub.authAttempts).toHaveLength(1);
    r.timers.advance(1_000);
    await waitFor(r, () => r.hub.authAttempts.length === 2, 'the second attempt');
    await waitFor(r, () => r.session.status().state === 'refused', 'the second refusal');
    expect(r.hub.sessions).toHaveLength(1);
    expect(r.lines.filter((line) => line.includes('refused'))).toHaveLength(1);
    r.hub.refuseAuth = 'Invalid community ID.';
    r.timers.advance(60_000);
    await waitFor(
      r,
      () => r.lines.filter((line) => line.includes('refused')).length === 2,
      'the new error text',
    );
    r.hub.refuseAuth = null;
    r.timers.advance(60_000);
    await authenticated(r);
    expect(r.lines.at(-1)).toContain('authenticated as server 1');
  });

  it('treats an authentication the hub never answers as refused, and asks again a minute later', async () => {
    const r = await rig();
    r.hub.answeringAuth = false;
    r.session.start();
    await waitFor(r, () => r.hub.authAttempts.length === 1, 'the first attempt');
    expect(r.session.status().state).toBe('authenticating');
    r.timers.advance(30_000);
    await waitFor(r, () => r.session.status().state === 'refused', 'the refusal');
    expect(r.session.status().lastError?.message).toContain('no answer within 30 s');
    r.hub.answeringAuth = true;
    r.timers.advance(60_000);
    await authenticated(r);
  });

  it('keeps the once-a-minute pace for a refused key when the hub also drops the socket', async () => {
    const r = await rig();
    r.hub.refuseAuth = 'Invalid API key.';
    r.session.start();
    await waitFor(r, () => r.session.status().state === 'refused', 'the refusal');
    r.hub.drop();
    await waitFor(r, () => r.session.status().state === 'waiting', 'the loss');
    expect(r.timers.nextIn()).toBe(60_000);
  });

  it('backs off for minutes when three sessions in a row are closed right after authenticating', async () => {
    const r = await rig({ hub: { policy: 'fan-out' } });
    r.session.start();
    for (let kick = 1; kick <= 3; kick += 1) {
      await authenticated(r, kick);
      r.hub.close({ error: 'Another session authenticated for this server.' });
      await waitFor(r, () => r.session.status().state === 'waiting', `kick ${kick}`);
      // Each kick is a failed attempt too: at once, then after 2 s.
      if (kick < 3) {
        expect(r.timers.nextIn()).toBe([0, 2_000][kick - 1]);
        r.timers.advance(r.timers.nextIn()!);
      }
    }
    expect(r.timers.nextIn()).toBeGreaterThanOrEqual(3 * 60_000);
    expect(r.lines.some((line) => line.includes('closed 3 sessions in a row'))).toBe(true);
  });

  it('fights no one when another client keeps taking the server id (last wins)', async () => {
    const r = await rig({ hub: { policy: 'last-wins' } });
    const other = createSession({
      settings: { ...r.session.settings },
      timers: new ManualTimers(),
      log: createLogger({ print: () => {} }),
      onPush: () => {},
    });
    r.session.start();
    await authenticated(r);
    other.start();
    await waitFor(r, () => r.session.status().state === 'waiting', 'the session to be pushed out');
    await waitFor(r, () => r.hub.authenticated(1).length === 1, 'one session left');
    expect(r.hub.authenticated(1)[0]!.id).toBe(2);
    await other.stop();
  });

  it('retries an unreachable hub at once, then after 2, 10 and 30 s, then about every minute', async () => {
    const r = await rig();
    await r.hub.stop();
    r.session.start();
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      await waitFor(r, () => r.timers.nextIn() !== null, `failure ${i + 1}`);
      const next = r.timers.nextIn()!;
      delays.push(next);
      r.timers.advance(next);
    }
    expect(delays).toEqual([0, 2_000, 10_000, 30_000, 30_000, 60_000, 60_000]);
    expect(r.lines.filter((line) => line.includes('Websocket'))).toHaveLength(1);
    r.timers.advance(5 * 60_000);
    await waitFor(r, () => r.lines.some((line) => line.includes('still down')), 'the periodic line');
  });

  it("never prints the hub's connection token, which errors quote in the socket's URL", async () => {
    const lines: string[] = [];
    const failing: HubConnection = {
      state: 'Disconnected',
      on: () => {},
      onclose: () => {},
      start: () =>
        Promise.reject(
          new Error('connect ECONNREFUSED wss://hub.test/hub?id=SECRET-TOKEN_1&x=1 and ?id=TWO.'),
        ),
      stop: () => Promise.resolve(),
      invoke: () => Promise.reject(new Error('not connected')),
    };
    const session = createSession({
      settings: settingsFor('https://hub.test/hub'),
      timers: new ManualTimers(),
      log: createLogger({ print: (line) => lines.push(line) }),
      connect: async () => failing,
      onPush: () => {},
    });
    session.start();
    await until(() => session.status().lastError !== null, 'the failure');
    const shown = [...lines, session.status().lastError!.message].join('\n');
    expect(shown).toContain('hub?id=…&x=1 and ?id=…');
    expect(shown).not.toMatch(/SECRET|TWO/);
    await session.stop();
  });

  it('stop sends a Close message, then closes the socket', async () => {
    const r = await rig();
    r.session.start();
    await authenticated(r);
    await r.session.stop();
    await waitFor(r, () => r.hub.sessions[0]!.ended, 'the socket to close');
    expect(r.hub.sessions[0]!.clientClosed).toBe(true);
    expect(r.hub.sessions[0]!.closeCode).toBe(1000);
    expect(r.session.status().state).toBe('stopped');
  });

  it('closes the socket with 1000 after a hub Close, rather than cutting it', async () => {
    const r = await rig();
    r.session.start();
    await authenticated(r);
    r.hub.close({ error: 'Server is restarting.', socket: 'leave' });
    await waitFor(r, () => r.hub.sessions[0]!.ended, 'the client to close the socket');
    expect(r.hub.sessions[0]!.closeCode).toBe(1000);
    expect(r.session.status().state).toBe('waiting');
  });

  it('cuts the socket when the hub does not finish the close within the grace', async () => {
    const hub = await startHub({ pingMs: 100 });
    const closeGraceMs = 300;
    const client = new HubClient({
      hubUrl: hub.url,
      keepAliveMs: 15_000,
      timeoutMs: 30_000,
      maxFrameBytes: 64 * 1024,
      closeGraceMs,
      log: createLogger({ print: () => {} }),
    });
    const closes: { at: number; error: Error | undefined }[] = [];
    client.onclose((error) => closes.push({ at: Date.now(), error }));
    try {
      await client.start();
      const closedAt = Date.now();
      hub.close({ error: 'bye', socket: 'stall' });
      await until(() => closes.length === 1, 'the close');
      // Not before the grace (timers may round a millisecond), and long before ws's own 30 s.
      expect(closes[0]!.at - closedAt).toBeGreaterThanOrEqual(closeGraceMs - 2);
      expect(closes[0]!.at - closedAt).toBeLessThan(5_000);
      expect(closes[0]!.error?.message).toBe('the hub closed the session: bye');
    } finally {
      await hub.stop();
    }
  });
});
