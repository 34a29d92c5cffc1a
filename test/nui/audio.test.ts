/**
 * CAD audio as a player hears it: tones pushed through the server and the client into the page in
 * Chromium, played from a local https host on the allow-list, with every message posted without a user
 * gesture.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_UNIT } from '../alerts/world';
import { AUDIO_HOST, type AudioServer, BROWSER_ARGS, startAudioServer } from './audio-server';
import { useBrowser } from './browser';
import { type Media, of, watchMedia } from './media';
import { openScene, type Scene, type SceneOptions } from './scene';

const browser = useBrowser(BROWSER_ARGS);
let audio: AudioServer;
let scene: Scene;
let watch: Media;

beforeAll(async () => {
  audio = await startAudioServer();
});
afterAll(async () => {
  await audio.close();
});
afterEach(async () => {
  expect(scene.page.errors).toEqual([]);
  expect(scene.client.errors).toEqual([]);
  await scene.close();
});

async function open(options: SceneOptions = {}, tone: Record<string, unknown> = {}): Promise<void> {
  scene = await openScene(browser(), {
    ...options,
    alerts: { tone: { allowedHosts: [audio.host], ...tone } },
    page: { passThrough: (url) => url.hostname === AUDIO_HOST },
  });
  watch = await watchMedia(scene.page);
  // No gesture has ever reached the page: autoplay has to work without one, as in FiveM.
  expect(watch.activated).toBe(false);
}

const tone = (path: string, label = 'Station 7') =>
  scene.push('EVENT_TONE', {
    url: audio.url(path),
    playTonesTo: [{ type: 5, value: OFFICER_UNIT, label }],
  });

describe('a CAD tone', () => {
  it('plays from an allowed https host, with a "Tone: <label>" card while it plays', async () => {
    await open();
    await tone('/880hz-1.2s.wav', 'Engine 7');
    const events = await watch.until((seen) => of(seen, 'playing').length > 0);
    expect(of(events, 'playing')[0]?.src).toBe(audio.url('/880hz-1.2s.wav'));
    expect(await watch.cards()).toEqual([expect.stringContaining('Tone: Engine 7')]);
    // Time advances: it is really playing.
    await sleep(500);
    expect(await scene.page.run<number>(`document.querySelector('audio').currentTime`)).toBeGreaterThan(0.2);
    await watch.until((seen) => of(seen, 'ended').length > 0);
    expect(await watch.cards()).toEqual([]);
    expect(audio.requests).toContain('/880hz-1.2s.wav');
  });

  it('plays tones that arrive together in order, never two at once', async () => {
    await open();
    await tone('/600hz-0.6s.wav', 'First');
    await tone('/900hz-0.6s.wav', 'Second');
    const events = await watch.until((seen) => of(seen, 'ended').length >= 2);
    const [first, second] = of(events, 'playing');
    expect(first?.src).toContain('/600hz-0.6s.wav');
    expect(second?.src).toContain('/900hz-0.6s.wav');
    const firstEnded = of(events, 'ended', '/600hz-0.6s.wav')[0];
    expect(firstEnded && second && firstEnded.at <= second.at).toBe(true);
    expect(of(events, 'playing').every((event) => event.audible === 1)).toBe(true);
  });

  it('is cut at alerts.tone.maxSeconds', async () => {
    await open({}, { maxSeconds: 1 });
    await tone('/700hz-6s.wav', 'Long');
    // Emptied: the element let go of it.
    let events = await watch.until((seen) => of(seen, 'emptied').length > 0, 4000);
    const reached = Math.max(...of(events, 'timeupdate').map((event) => event.time));
    expect(reached).toBeGreaterThanOrEqual(1);
    expect(reached).toBeLessThan(1.6);
    await sleep(600);
    events = await watch.events();
    expect(Math.max(...of(events, 'timeupdate').map((event) => event.time))).toBe(reached);
    expect(of(events, 'ended')).toEqual([]);
    expect(await scene.page.run<boolean>(`document.querySelector('audio').paused`)).toBe(true);
    expect(await watch.cards()).toEqual([]);
  });

  it("plays at the player's volume times the game's SFX volume", async () => {
    const kvp = new Map([['alerts:settings', JSON.stringify({ volume: 0.5 })]]);
    await open({ kvp });
    scene.client.nui.profile.set(300, 4);
    await tone('/500hz-0.4s.wav');
    let events = await watch.until((seen) => of(seen, 'playing').length > 0);
    expect(of(events, 'playing')[0]?.volume).toBeCloseTo(0.2, 5);
    scene.client.nui.profile.set(300, 10);
    await tone('/520hz-0.4s.wav');
    events = await watch.until((seen) => of(seen, 'playing').length > 1);
    expect(of(events, 'playing')[1]?.volume).toBeCloseTo(0.5, 5);
  });
});

describe('a tone that cannot play', () => {
  for (const [what, path] of [
    ['a 404', '/missing.wav'],
    ['a file that is not audio', '/broken.mp3'],
  ]) {
    it(`${what}: a card saying so and one client console line`, async () => {
      await open();
      await tone(path, 'Broken');
      await watch.until((seen) => of(seen, 'error').length > 0);
      await scene.settle();
      const [card, ...others] = await watch.cards();
      expect(others, String(card)).toEqual([]);
      expect(card).toContain('Not played: Tone: Broken');
      expect(card).toContain('could not be loaded or decoded');
      const lines = scene.client.warnings.filter((line) => line.includes('Tone: Broken'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[sonorancad\] Tone: Broken: not played, it could not be loaded or decoded/);
      // Chromium's own line for the failed request, not the page's.
      const expected =
        path === '/missing.wav'
          ? ['Failed to load resource: the server responded with a status of 404 (Not Found)']
          : [];
      expect(scene.page.errors).toEqual(expected);
      scene.page.errors.length = 0;
    });
  }

  it('a URL off the allow-list is never fetched: the card says why', async () => {
    await open();
    await scene.push('EVENT_TONE', {
      url: 'https://elsewhere.test/tone.mp3',
      playTonesTo: [{ type: 5, value: OFFICER_UNIT, label: 'Elsewhere' }],
    });
    await scene.settle();
    expect(await watch.cards()).toEqual([
      expect.stringContaining('its host is not in alerts.tone.allowedHosts'),
    ]);
    expect(await watch.events()).toEqual([]);
    expect(scene.client.warnings.filter((line) => line.includes('Tone: Elsewhere'))).toHaveLength(1);
  });
});
