/** Pager pages and station alerts as a player hears and sees them, and the player's mutes, in Chromium. */
import { afterEach, describe, expect, it } from 'vitest';
import { melody, wav } from '../../scripts/tones.mjs';
import { OFFICER_UNIT } from '../alerts/world';
import { useBrowser } from './browser';
import { type Media, of, watchMedia } from './media';
import { openScene, type Scene } from './scene';

const browser = useBrowser();
let scene: Scene;
let watch: Media;
afterEach(async () => {
  expect(scene.page.errors).toEqual([]);
  expect(scene.client.errors).toEqual([]);
  await scene.close();
});

/** The officer of the scene stands at (100, -200, 30). */
const STATIONS = { 'Fire Station One': { x: 100, y: -200, z: 30, radius: 20 } };

async function open(settings: Record<string, unknown> = {}): Promise<void> {
  scene = await openScene(browser(), {
    alerts: { stationAlerts: { stations: STATIONS } },
    kvp: new Map([['alerts:settings', JSON.stringify(settings)]]),
  });
  watch = await watchMedia(scene.page);
  expect(watch.activated).toBe(false);
}

const page = (data: Record<string, unknown> = {}) =>
  scene.push('EVENT_PAGER_REBORN', {
    identIds: [OFFICER_UNIT],
    addresses: ['FIRE-1'],
    nature: 'Emergency',
    body: 'Structure fire, 12 Grove St',
    ...data,
  });

const station = (data: Record<string, unknown> = {}) =>
  scene.push('EVENT_STATION_ALERT', {
    locations: [{ name: 'Fire Station One', open: ['Bay 1'], close: [] }],
    message: 'Engine 1 respond',
    colors: ['red', '#00ff00', 'url(x)'],
    tone: 'tone2',
    ...data,
  });

describe('a pager page', () => {
  it('shows a card by its nature with the body, and plays our pager tone', async () => {
    await open();
    await page();
    expect(await watch.cards()).toEqual([
      expect.stringMatching(/EMERGENCY PAGE[\s\S]*Structure fire, 12 Grove St[\s\S]*FIRE-1/),
    ]);
    const events = await watch.until((seen) => of(seen, 'ended').length > 0);
    expect(of(events, 'playing')[0]?.src).toBe('https://cfx-nui-sonorancad/dist/nui/tone-pager.wav');
    const classes = await scene.page.run<string>(`document.querySelector('#sounds .card').className`);
    expect(classes).toContain('page-Emergency');
  });

  it('with pages muted shows the card silently', async () => {
    await open({ mute: { page: true } });
    await page({ nature: 'Administrative', body: 'Briefing at 8' });
    expect(await watch.cards()).toEqual([expect.stringMatching(/ADMIN PAGE[\s\S]*Briefing at 8/)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await watch.events()).toEqual([]);
  });
});

describe('a station alert', () => {
  it('shows the message with the alert colours as accent, plays the tone, then the audio message', async () => {
    await open();
    await station();
    expect(await watch.cards()).toEqual([
      expect.stringMatching(/STATION ALERT[\s\S]*Fire Station One[\s\S]*Engine 1 respond/),
    ]);
    const accent = await scene.page.run<{ edge: string; stripe: string }>(`(() => {
      const card = document.querySelector('#sounds .card');
      return { edge: card.style.getPropertyValue('--kind'), stripe: card.style.getPropertyValue('--stripe') };
    })()`);
    expect(accent).toEqual({ edge: 'red', stripe: 'linear-gradient(90deg, red, #00ff00)' });

    const voice = wav(melody([[440, 0.4]])).toString('base64');
    await station({ message: voice, tone: 'tone1' });
    expect((await watch.cards())[0]).toContain('Voice message');
    const events = await watch.until((seen) => of(seen, 'ended').length >= 3);
    expect(of(events, 'playing').map((event) => event.src.replace(/base64,.*/, 'base64,…'))).toEqual([
      'https://cfx-nui-sonorancad/dist/nui/tone-tone2.wav',
      'https://cfx-nui-sonorancad/dist/nui/tone-tone1.wav',
      'data:audio/wav;base64,…',
    ]);
  });

  it('with CAD tones muted shows the card without a sound; a tone is not played either', async () => {
    await open({ mute: { tone: true } });
    await station();
    expect(await watch.cards()).toHaveLength(1);
    await scene.push('EVENT_TONE', {
      url: 'https://s3.sonoransoftware.com/t.mp3',
      playTonesTo: [{ type: 0, value: '' }],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await watch.events()).toEqual([]);
    expect(await watch.cards()).toHaveLength(1);
  });
});
