/**
 * Negotiation as the spec and Microsoft's client do it: a redirect to another hub is followed with its
 * access token as a Bearer token (on the next negotiate and on the upgrade), at most 10 times; a hub that
 * offers no WebSockets gets no upgrade. The access token is never shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../doubles/hub/hub';
import { KEY, type Rig, rig, run, waitFor } from './session-rig';

const TOKEN = 'azure-access-token-0123456789abcdef';
let others: Hub[] = [];

afterEach(async () => {
  for (const hub of others) await hub.stop();
  others = [];
});

/** A second hub that accepts only TOKEN, behind the rig's hub, which redirects to it. */
async function redirected(accessToken = TOKEN) {
  const target = await startHub({ communityId: 'c1', apiKey: KEY, serverIds: [1], pingMs: 100 });
  others.push(target);
  target.negotiateRules.requireToken = TOKEN;
  const r = await rig({ debug: true });
  r.hub.negotiateRules.redirect = { url: target.url, accessToken };
  return { r, target };
}

/** Every line printed and the status, where a secret must not appear. */
const shown = (r: Rig) => [...r.lines, JSON.stringify(r.session.status())].join('\n');

describe('websocket negotiation', () => {
  it('follows a redirect with its access token as a Bearer token on negotiate and the upgrade', async () => {
    const { r, target } = await redirected();
    r.session.start();
    await waitFor(
      r,
      () => target.authenticated(1).length === 1 && r.session.status().state === 'authenticated',
      'the session on the second hub',
    );
    expect(r.hub.negotiations).toHaveLength(1);
    expect(r.hub.negotiations[0]!.authorization).toBeUndefined();
    expect(target.negotiations.map((headers) => headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(target.sessions[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.hub.sessions).toHaveLength(0);
    // Debug lines included: the hub client says where it went, never with what.
    expect(r.lines.some((line) => line.includes('negotiation redirected to http://127.0.0.1'))).toBe(true);
    expect(shown(r)).not.toContain(TOKEN);
  });

  it('says why a redirected hub refuses, without the token', async () => {
    const { r, target } = await redirected('another-token-0123456789');
    r.session.start();
    await waitFor(r, () => r.session.status().state === 'waiting', 'the failure');
    expect(target.negotiations).toHaveLength(1);
    expect(r.session.status().lastError?.message).toMatch(/negotiation with the hub failed: HTTP 401/);
    expect(shown(r)).not.toContain('another-token-0123456789');
  });

  it('gives up on a redirect loop after 10 redirects, as one failed attempt, with a clear line', async () => {
    const r = await rig({ debug: true });
    r.hub.negotiateRules.redirect = { url: r.hub.url, accessToken: TOKEN };
    r.session.start();
    await waitFor(r, () => r.session.status().state === 'waiting', 'the failure');
    // The first negotiate and 10 redirects followed.
    expect(r.hub.negotiations).toHaveLength(11);
    expect(r.hub.negotiations.at(-1)!.authorization).toBe(`Bearer ${TOKEN}`);
    const warnings = r.lines.filter((line) => line.includes('warn:'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /Websocket to Sonoran's hub not connected: the hub redirected negotiation more than 10 times; gave up\. Retrying at once/,
      ),
    ]);
    expect(r.session.status().failedAttempts).toBe(1);
    expect(shown(r)).not.toContain(TOKEN);
    // Paced like any failure: the loop is not followed again at once.
    r.timers.advance(0);
    await waitFor(r, () => r.session.status().failedAttempts === 2, 'the second failure');
    expect(r.timers.nextIn()).toBe(2_000);
    expect(r.hub.negotiations).toHaveLength(22);
  });

  it('tries no upgrade when the hub offers no WebSockets, and says so; paced as a failure', async () => {
    const r = await rig();
    r.hub.negotiateRules.transports = ['ServerSentEvents', 'LongPolling'];
    r.session.start();
    await run(r, 3 * 60_000);
    expect(r.hub.sessions).toHaveLength(0);
    expect(r.hub.refusedUpgrades).toHaveLength(0);
    // At 0, 0, 2, 12, 42, 72, 132 s.
    expect(r.hub.negotiations).toHaveLength(7);
    expect(r.lines.filter((line) => line.includes('Websocket'))).toEqual([
      expect.stringContaining(
        'not connected: the hub does not offer the WebSockets transport (it offers ServerSentEvents, ' +
          'LongPolling), so no upgrade was tried. Retrying at once',
      ),
    ]);
  });
});
