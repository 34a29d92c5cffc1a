/** What a player sees of alerts on our own cards: pushes through the server, the client, into the page. */
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

const emergencyCall = (change: Record<string, unknown> = {}) => {
  const data = sample('EVENT_911.object.json').data as { call: Record<string, unknown> };
  return { ...data, call: { ...data.call, ...change } };
};

describe('a 911 call', () => {
  it('shows as one card with label, caller, location, postal, description and the respond key', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_911', emergencyCall());
    const [card, ...others] = await scene.page.cards();
    expect(others).toEqual([]);
    expect(card?.key).toBe('911:1234');
    expect(card?.title).toBe('911 call #1234');
    for (const part of [
      '911',
      'Alta St / Las Lagunas Blvd, postal 8061',
      'Caller: John Doe',
      'Shots fired',
    ]) {
      expect(card?.text).toContain(part);
    }
    expect(card?.hint).toContain('[HOME] Respond');
    expect(card?.classes).toContain('current');
  });
});

describe('a panic', () => {
  it('pulses on top of the stack', async () => {
    scene = await openScene(browser());
    await scene.push('EVENT_911', emergencyCall());
    await scene.push('EVENT_UNIT_PANIC', { identIds: [OFFICER_UNIT], isPanic: true });
    const cards = await scene.page.cards();
    expect(cards.map((card) => card.key)).toEqual([`panic:${OFFICER_UNIT}`, '911:1234']);
    expect(cards[0]?.classes).toEqual(expect.arrayContaining(['urgent', 'current']));
    expect(await scene.page.run('document.getAnimations().length')).toBe(1);
  });
});
