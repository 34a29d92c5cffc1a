/**
 * The card keys (through the client double's key-mapping commands) and the player's settings panel:
 * respond goes to the card on top, focus is taken only by the panel, settings outlive a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OFFICER_UNIT } from '../alerts/world';
import { sample } from '../helpers/samples';
import { useBrowser } from './browser';
import { openScene, type Scene } from './scene';

const browser = useBrowser();
let scene: Scene;
afterEach(async () => {
  expect(scene.page.errors).toEqual([]);
  expect(scene.client.errors).toEqual([]);
  await scene.close();
});

const emergencyCall = (callId: number, x: number) => {
  const data = sample('EVENT_911.object.json').data as {
    call: Record<string, unknown> & { metaData: object };
  };
  return { ...data, call: { ...data.call, callId, metaData: { ...data.call.metaData, x: String(x) } } };
};
const current = async () => (await scene.page.cards()).find((card) => card.classes.includes('current'))?.key;
const kvpSettings = () => JSON.parse(scene.client.nui.kvp.get('alerts:settings') ?? 'null');
/** Changes a control of the panel as the player would, and waits for its callback's answer. */
const change = async (selector: string, set: string) => {
  const before = scene.page.callbacks.length;
  await scene.page.run(`(() => {
    const control = document.querySelector('#settings ${selector}');
    ${set};
    control.dispatchEvent(new Event(control.type === 'range' ? 'input' : 'change'));
  })()`);
  while (scene.page.callbacks.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the card keys', () => {
  it('respond to the card on top; previous and next move it, round at either end', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_911', emergencyCall(1, 100));
    await scene.push('EVENT_911', emergencyCall(2, 200));
    expect(await current()).toBe('911:2');
    await scene.press('cadalerts_next');
    expect(await current()).toBe('911:1');
    await scene.press('cadalerts_respond');
    expect(scene.client.waypoint).toEqual({ x: 100, y: -791.23 });
    await scene.press('cadalerts_next');
    expect(await current()).toBe('911:2');
    await scene.press('cadalerts_previous');
    expect(await current()).toBe('911:1');
    // A new alert comes on top.
    await scene.push('EVENT_911', emergencyCall(3, 300));
    expect(await current()).toBe('911:3');
    await scene.press('cadalerts_respond');
    expect(scene.client.waypoint).toEqual({ x: 300, y: -791.23 });
    expect((await scene.page.toasts())[0]).toContain('Route set');
  });

  it('dismiss a card that is not a panic: it goes from the screen, its blip stays', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_911', emergencyCall(1, 100));
    await scene.push('EVENT_911', emergencyCall(2, 200));
    await scene.press('cadalerts_acknowledge');
    expect((await scene.page.cards()).map((card) => card.key)).toEqual(['911:1']);
    expect(await current()).toBe('911:1');
    expect(scene.client.blips.size).toBe(2);
  });

  it('show the keys the player bound, and never take focus', async () => {
    scene = await openScene(browser());
    scene.client.nui.rebound.set('cadalerts_respond', 'E');
    await scene.reload();
    await scene.push('EVENT_UNIT_PANIC', { identIds: [OFFICER_UNIT], isPanic: true });
    expect((await scene.page.cards())[0]?.hint).toContain('[E] Respond');
    expect(scene.client.calls.filter((call) => call.name === 'SetNuiFocus')).toEqual([]);
  });
});

describe('the settings panel', () => {
  it('opens with /cadalerts, the only thing that takes focus, saves each change, and Escape closes it', async () => {
    scene = await openScene(browser());
    await scene.type('cadalerts');
    expect(scene.client.nui.focus).toEqual({ focus: true, cursor: true });
    expect(await scene.page.run(`document.getElementById('settings').hidden`)).toBe(false);
    await change('select[name=corner]', `control.value = 'bottom-left'`);
    await change('input[name=mute-emergencyCall]', 'control.checked = true');
    expect(kvpSettings()).toEqual(
      expect.objectContaining({
        corner: 'bottom-left',
        mute: expect.objectContaining({ emergencyCall: true }),
      }),
    );
    expect(await scene.page.run('document.body.className')).toBe('corner-bottom-left');
    // Panics cannot be muted unless the server allows it.
    expect(await scene.page.run(`document.querySelector('#settings input[name=mute-panic]')`)).toBeNull();
    await scene.page.run(`document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))`);
    while (scene.client.nui.focus.focus) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(scene.client.nui.focus).toEqual({ focus: false, cursor: false });
    expect(await scene.page.run(`document.getElementById('settings').hidden`)).toBe(true);
    // A muted kind shows, silently.
    await scene.push('EVENT_911', emergencyCall(1, 100));
    expect(await scene.page.cards()).toHaveLength(1);
    expect(await scene.page.notes()).toEqual([]);
  });

  it('keeps the settings across a restart of the page, which gets its cards back', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_UNIT_PANIC', { identIds: [OFFICER_UNIT], isPanic: true });
    await scene.press('cadalerts_acknowledge');
    await scene.type('cadalerts');
    await change('input[name=doNotDisturb]', 'control.checked = true');
    await scene.reload();
    const ready = scene.page.callbacks.find((call) => call.name === 'ready')?.answer as {
      settings: { doNotDisturb: boolean };
    };
    expect(ready.settings.doNotDisturb).toBe(true);
    const [panic] = await scene.page.cards();
    expect(panic?.key).toBe(`panic:${OFFICER_UNIT}`);
    expect(panic?.classes).toContain('acknowledged');
    // Brought back silently.
    expect(await scene.page.notes()).toEqual([]);
  });

  it('do-not-disturb hides 911 cards and toasts, but a panic still shows', async () => {
    scene = await openScene(browser());
    await scene.type('cadalerts');
    await change('input[name=doNotDisturb]', 'control.checked = true');
    await scene.push('EVENT_911', emergencyCall(1, 100));
    await scene.push('EVENT_UNIT_PANIC', { identIds: [OFFICER_UNIT], isPanic: true });
    expect((await scene.page.cards()).map((card) => card.key)).toEqual([`panic:${OFFICER_UNIT}`]);
    expect(await scene.page.toasts()).toEqual([]);
  });

  it('do-not-disturb silences a panic too where alerts.ui.panicMutable allows it', async () => {
    scene = await openScene(browser(), { alerts: { ui: { panicMutable: true } } });
    await scene.type('cadalerts');
    expect(await scene.page.run(`!!document.querySelector('#settings input[name=mute-panic]')`)).toBe(true);
    await change('input[name=doNotDisturb]', 'control.checked = true');
    await scene.push('EVENT_UNIT_PANIC', { identIds: [OFFICER_UNIT], isPanic: true });
    expect(await scene.page.cards()).toEqual([]);
  });
});
