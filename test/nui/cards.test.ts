/**
 * What a player sees on our own cards, end to end: CAD pushes through the FXServer double, the net
 * events to the player's client double, its NUI messages into the page in Chromium. Cards follow the call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OFFICER_UNIT, PARTNER_UNIT } from '../alerts/world';
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

const emergencyCall = (change: Record<string, unknown> = {}) => {
  const data = sample('EVENT_911.object.json').data as { call: Record<string, unknown> };
  return { ...data, call: { ...data.call, ...change } };
};
const dispatch = (change: Record<string, unknown> = {}) => ({
  dispatch: {
    callId: 55,
    origin: 0,
    status: 1,
    priority: 2,
    block: '123',
    address: 'Route 68',
    postal: '3021',
    title: 'Vehicle collision',
    code: '10-50',
    description: 'Two vehicles, one overturned',
    notes: [],
    idents: [OFFICER_UNIT],
    metaData: { x: '1200.5', y: '2650.25' },
    ...change,
  },
});
const keys = async () => (await scene.page.cards()).map((card) => card.key);

describe('a 911 call', () => {
  it('shows as one card with label, caller, location, postal, distance, description and the keys', async () => {
    scene = await openScene(browser());
    scene.client.nui.player = { x: 231.52, y: -1791.23, z: 30.6 };
    await scene.push('EVENT_911', emergencyCall());
    scene.client.advance(1000);
    await scene.settle();
    const [card, ...others] = await scene.page.cards();
    expect(others).toEqual([]);
    expect(card?.key).toBe('911:1234');
    expect(card?.title).toBe('911 call #1234');
    for (const part of [
      'CALL',
      '911',
      'Alta St / Las Lagunas Blvd, postal 8061',
      '1.0 km',
      'Caller: John Doe',
      'Shots fired',
      'just now',
    ]) {
      expect(card?.text).toContain(part);
    }
    expect(card?.hint).toContain('[HOME] Respond');
    expect(card?.hint).toContain('[END] Dismiss');
    expect(card?.classes).toContain('current');
    // Its tone played once, with no user gesture.
    expect(await scene.page.notes()).toEqual([880, 1175]);
    expect(await scene.page.run('navigator.userActivation.hasBeenActive')).toBe(false);
  });

  it('is updated in place by a second push for it, silently, and ages', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_911', emergencyCall());
    const before = await scene.page.run<number>(`(window.__first = document.querySelector('.card'), 1)`);
    await scene.push('EVENT_911', emergencyCall({ description: 'Now two suspects on foot' }));
    expect(before).toBe(1);
    const cards = await scene.page.cards();
    expect(cards).toHaveLength(1);
    expect(cards[0]?.text).toContain('Now two suspects on foot');
    expect(await scene.page.run(`document.querySelector('.card') === window.__first`)).toBe(true);
    expect(await scene.page.notes()).toHaveLength(2);
    await scene.page.elapse(90_000);
    expect((await scene.page.cards())[0]?.text).toContain('1 min ago');
  });

  it('goes when the CAD removes the call', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_911', emergencyCall());
    await scene.push('EVENT_911', emergencyCall({ callId: 1235 }));
    await scene.push('EVENT_REMOVE_911', { callIds: [1234] });
    expect(await keys()).toEqual(['911:1235']);
  });
});

describe('the stack', () => {
  it('shows the newest on top, at most four, and the rest as "+N more"', async () => {
    scene = await openScene(browser());
    for (const callId of [1, 2, 3, 4, 5, 6]) await scene.push('EVENT_911', emergencyCall({ callId }));
    expect(await keys()).toEqual(['911:6', '911:5', '911:4', '911:3']);
    expect(await scene.page.more()).toBe('+2 more');
    await scene.push('EVENT_REMOVE_911', { callIds: [1, 2] });
    expect(await scene.page.more()).toBeNull();
  });

  it('takes its cap from alerts.ui.maxCards', async () => {
    scene = await openScene(browser(), { alerts: { ui: { maxCards: 2 } } });
    for (const callId of [1, 2, 3]) await scene.push('EVENT_911', emergencyCall({ callId }));
    expect(await keys()).toEqual(['911:3', '911:2']);
    expect(await scene.page.more()).toBe('+1 more');
  });
});

describe('a dispatch call', () => {
  it('follows the CAD: an edit and a note update its card, a detach removes it with a toast', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_DISPATCH_NEW', dispatch());
    let [card] = await scene.page.cards();
    expect(card?.title).toBe('#55 Vehicle collision');
    expect(card?.text).toContain('10-50');
    expect(card?.text).toContain('123 Route 68, postal 3021');
    await scene.push(
      'EVENT_DISPATCH_EDIT',
      dispatch({ title: 'Collision with fire', idents: [OFFICER_UNIT, PARTNER_UNIT] }),
    );
    await scene.push('EVENT_DISPATCH_NOTE', {
      callId: 55,
      note: { label: 'D-1', type: 'text', content: 'Fire on scene' },
    });
    [card] = await scene.page.cards();
    expect(card?.title).toBe('#55 Collision with fire');
    expect(card?.text).toContain('Note: D-1: Fire on scene');
    expect(await scene.page.toasts()).toEqual(['Note on call #55\nD-1: Fire on scene']);
    await scene.push('EVENT_DISPATCH_UNIT_DETACH', { callId: 55, ident: OFFICER_UNIT });
    expect(await keys()).toEqual([]);
    expect((await scene.page.toasts())[0]).toBe('Detached from call #55');
  });

  it('goes when the call closes', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_DISPATCH_NEW', dispatch());
    await scene.push('EVENT_DISPATCH_CLOSED', { callIds: [55] });
    expect(await keys()).toEqual([]);
    expect((await scene.page.toasts())[0]).toBe('Call #55 closed');
  });
});

describe('a panic', () => {
  const press = () => scene.push('EVENT_UNIT_PANIC', { identIds: [OFFICER_UNIT], isPanic: true });

  it('pulses on top and repeats its sound every repeatSeconds until acknowledged', async () => {
    scene = await openScene(browser(), { alerts: { panic: { repeatSeconds: 5 } } });
    await scene.push('EVENT_911', emergencyCall());
    await press();
    const cards = await scene.page.cards();
    expect(cards.map((card) => card.key)).toEqual([`panic:${OFFICER_UNIT}`, '911:1234']);
    expect(cards[0]?.classes).toEqual(expect.arrayContaining(['urgent', 'current']));
    expect(cards[0]?.hint).toContain('[END] Acknowledge');
    expect(await scene.page.run('document.getAnimations().length')).toBe(1);
    const panicTone = [988, 740, 988, 740];
    expect((await scene.page.notes()).slice(2)).toEqual(panicTone);
    await scene.page.elapse(10_000);
    expect((await scene.page.notes()).slice(2)).toEqual([...panicTone, ...panicTone, ...panicTone]);
    await scene.press('cadalerts_acknowledge');
    await scene.page.elapse(30_000);
    expect((await scene.page.notes()).length).toBe(2 + 3 * panicTone.length);
    const [panic] = await scene.page.cards();
    expect(panic?.classes).toContain('acknowledged');
    expect(panic?.status).toBe('Acknowledged');
    expect(await scene.page.run('document.getAnimations().length')).toBe(0);
  });

  it('shows "Cleared" for a moment when the CAD clears it, then goes', async () => {
    scene = await openScene(browser());
    await press();
    await scene.push('EVENT_UNIT_PANIC', { identIds: [OFFICER_UNIT], isPanic: false });
    const [card] = await scene.page.cards();
    expect(card?.classes).toContain('cleared');
    expect(card?.status).toBe('Cleared');
    expect((await scene.page.toasts())[0]).toContain('Panic cleared');
    await scene.page.elapse(4000);
    expect(await keys()).toEqual([]);
  });
});
