/**
 * The page's own guarantees, with the client double beside it: the ready handshake, what it ignores,
 * CAD text as text, callbacks that always answer, no timer or frame while nothing shows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import { call, loadBuiltClient, look, panic } from '../alerts/client-payloads';
import type { ClientDouble } from '../doubles/client/double';
import { type NuiPage, openPage, useBrowser, whenReady } from './browser';

const browser = useBrowser();
let client: ClientDouble;
let page: NuiPage;
afterEach(async () => {
  expect(page.errors).toEqual([]);
  expect(client.errors).toEqual([]);
  await page.close();
});

const nui = look({ notify: 'nui' });
const start = async () => {
  client = loadBuiltClient();
  page = await openPage(browser(), client);
  await whenReady(page);
};
const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const hostileCard = {
  key: '911:7',
  kind: 'emergencyCall',
  arrival: 1,
  sound: false,
  repeatSeconds: 0,
  urgent: false,
  ...Object.fromEntries(
    ['code', 'title', 'location', 'postal', 'caller', 'description', 'note'].map((field) => [
      field,
      `${field} ${HOSTILE}`,
    ]),
  ),
};

describe('the ready handshake', () => {
  it('holds what the client sends until the page says ready, which gets settings, config and strings', async () => {
    client = loadBuiltClient();
    client.receive(NetEvents.EmergencyCall, call({ look: nui }));
    client.receive(NetEvents.PanicAlert, panic({ look: nui }));
    expect(client.nui.messages).toEqual([]);
    page = await openPage(browser(), client);
    await whenReady(page);
    const [ready, ...others] = page.callbacks;
    expect(others).toEqual([]);
    expect(ready).toEqual({
      name: 'ready',
      body: {},
      answer: {
        settings: expect.objectContaining({ corner: 'top-right', scale: 1, doNotDisturb: false }),
        config: {
          maxCards: 4,
          panicMutable: false,
          keys: { respond: 'HOME', previous: 'PAGEUP', next: 'PAGEDOWN', acknowledge: 'END' },
        },
        strings: expect.objectContaining({ 'card.respond': 'Respond', 'card.more': '+%s more' }),
      },
    });
    expect((await page.cards()).map((card) => card.key)).toEqual(['panic:12', '911:1234']);
  });
});

describe('messages', () => {
  it('ignores what the catalogue does not know, without an error', async () => {
    await start();
    for (const message of [
      { type: 'poll' },
      { action: 'alert', data: {} },
      { type: 'card', card: { key: 'x' } },
      { type: 'remove' },
      'card',
      null,
      42,
    ]) {
      await page.post(message);
    }
    expect(await page.cards()).toEqual([]);
    expect(await page.toasts()).toEqual([]);
  });

  it('shows markup and <script> in every CAD field as text', async () => {
    await start();
    await page.post({ type: 'card', card: hostileCard });
    await page.post({ type: 'toast', toast: { style: 'info', title: `t ${HOSTILE}`, text: `x ${HOSTILE}` } });
    const [card] = await page.cards();
    expect(card?.title).toBe(`title ${HOSTILE}`);
    for (const field of ['code', 'location', 'caller', 'description', 'note']) {
      expect(card?.text).toContain(`${field} ${HOSTILE}`);
    }
    expect(await page.run(`document.querySelectorAll('#stack img, #stack script, #toasts img').length`)).toBe(
      0,
    );
    expect(await page.run('window.__xss')).toBeUndefined();
  });
});

describe('callbacks', () => {
  it('always answer, a malformed body with why', async () => {
    await start();
    const answer =
      await page.run(`fetch('https://sonorancad/saveSettings', { method: 'POST', body: '{"settings":5}' })
      .then((response) => response.json())`);
    expect(answer).toEqual({ ok: false, error: expect.stringContaining('saveSettings') });
    expect(client.nui.kvp.size).toBe(0);
  });
});

describe('while nothing shows', () => {
  it('runs no timer, interval or animation frame; one tick a second only while a card shows', async () => {
    await start();
    expect(await page.timers()).toEqual({ timeout: 0, interval: 0, frame: 0, live: 0 });
    client.receive(NetEvents.EmergencyCall, call({ look: nui }));
    await page.pump();
    expect((await page.timers()).live).toBe(1);
    // The client refreshes the distance once a second while a card shows, and stops after.
    expect(client.timers.pending).toBeGreaterThan(0);
    client.receive(NetEvents.EmergencyCallsRemoved, { callIds: [1234] });
    await page.pump();
    await page.elapse(1000);
    const after = await page.timers();
    expect(after).toEqual({ timeout: after.timeout, interval: 0, frame: 0, live: 0 });
    expect(await page.run('document.getAnimations().length')).toBe(0);
    await page.elapse(60_000);
    expect(await page.timers()).toEqual(after);
    client.advance(10_000);
    expect(client.timers.pending).toBe(0);
  });
});

describe('sound', () => {
  it("plays without a user gesture, at the player's volume", async () => {
    await start();
    await page.run(`(() => {
      const gain = GainNode.prototype;
      window.__gains = [];
      const connect = gain.connect;
      gain.connect = function (...args) { window.__gains.push(this.gain.value); return connect.apply(this, args); };
    })()`);
    client.receive(NetEvents.EmergencyCall, call({ look: nui }));
    await page.pump();
    expect(await page.notes()).toEqual([880, 1175]);
    // Default volume 0.6 of the page's full 0.3 gain.
    expect(await page.run('window.__gains')).toEqual([expect.closeTo(0.18, 5)]);
    expect(await page.run('navigator.userActivation.hasBeenActive')).toBe(false);
  });

  it('stays silent for an alert without a sound', async () => {
    await start();
    client.receive(NetEvents.EmergencyCall, call({ look: look({ notify: 'nui', sound: null }) }));
    await page.pump();
    expect(await page.cards()).toHaveLength(1);
    expect(await page.notes()).toEqual([]);
  });
});
