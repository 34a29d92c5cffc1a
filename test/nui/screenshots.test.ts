/**
 * The pictures in docs/alerts.md and docs/tones.md: one screenshot per card kind, of a toast and of the
 * tone, page and station alert cards, taken in Chromium from the real page. The tone plays from the local
 * https tone host (its card shows only while it plays); the page and station tones are the bundled ones.
 * `npm run screenshots` writes them to docs/img/; otherwise they go to a temporary folder, so a test run
 * changes nothing in the tree.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltClient } from '../alerts/client-payloads';
import { AUDIO_HOST, type AudioServer, BROWSER_ARGS, startAudioServer } from './audio-server';
import { type NuiPage, openPage, useBrowser, whenReady } from './browser';

const browser = useBrowser(BROWSER_ARGS);
let audio: AudioServer;
beforeAll(async () => {
  audio = await startAudioServer();
});
afterAll(async () => {
  await audio.close();
});
const OUT =
  process.env.NUI_SCREENSHOTS === 'docs'
    ? join(__dirname, '..', '..', 'docs', 'img')
    : mkdtempSync(join(tmpdir(), 'nui-shots-'));
mkdirSync(OUT, { recursive: true });
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const card = (kind: string, fields: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  type: 'card',
  card: {
    key: `${kind}:1`,
    kind,
    code: '',
    title: '',
    location: '',
    postal: '',
    caller: '',
    description: '',
    note: '',
    arrival: 1,
    sound: false,
    repeatSeconds: 0,
    urgent: false,
    ...fields,
    ...extra,
  },
});

interface Shot {
  messages: () => unknown[];
  /** The card to wait for and frame; none: the alert stack, or the toasts. */
  sound?: string;
}

const playback = () => ({ allowedHosts: [audio.host], maxSeconds: 15 });

const SHOTS: Record<string, Shot> = {
  panic: {
    messages: () => [
      card(
        'panic',
        {
          code: 'PANIC',
          title: 'A-10 Brian Sosnowski (MCSO)',
          description: 'Their position is marked on your map.',
        },
        { urgent: true },
      ),
      { type: 'distances', metres: { 'panic:1': 420 } },
    ],
  },
  emergency: {
    messages: () => [
      card('emergencyCall', {
        code: '911',
        title: '911 call #1234',
        location: 'Alta St / Las Lagunas Blvd',
        postal: '8061',
        caller: 'John Doe',
        description: 'Shots fired outside the bank, two suspects running towards the car park.',
      }),
      { type: 'distances', metres: { 'emergencyCall:1': 1830 } },
    ],
  },
  dispatch: {
    messages: () => [
      card('dispatch', {
        code: '10-50',
        title: '#55 Vehicle collision',
        location: '123 Route 68',
        postal: '3021',
        description: 'Two vehicles, one overturned',
        note: 'D-1: Fire on scene',
      }),
    ],
  },
  toast: {
    messages: () => [
      {
        type: 'toast',
        toast: { style: 'success', title: 'Panic cleared', text: 'A-10 Brian Sosnowski (MCSO)' },
      },
    ],
  },
  tone: {
    sound: 'tone',
    messages: () => [
      {
        type: 'tone',
        tone: { url: audio.url('/880hz-8s.wav'), refused: null, label: 'Dispatch Call 1001', ...playback() },
        sfx: 1,
      },
    ],
  },
  pager: {
    sound: 'page',
    messages: () => [
      {
        type: 'pager',
        page: {
          nature: 'Emergency',
          body: 'Structure fire at 1234 E Test St, Engine 1 and Medic 1 respond.',
          addresses: ['FIRE-1', 'BATTALION-1'],
        },
        sfx: 1,
      },
    ],
  },
  station: {
    sound: 'station',
    messages: () => [
      {
        type: 'station',
        station: {
          stations: ['Fire Station One'],
          message: 'Engine 1, Medic 1, respond to a structure fire at 1234 E Test St.',
          messageAudio: null,
          colors: ['blue', 'red'],
          tone: { name: 'tone1' },
          ...playback(),
        },
        sfx: 1,
      },
    ],
  },
};

/** Waits for a sound card: a tone's shows once it plays, in real time. */
async function soundCard(page: NuiPage, kind: string): Promise<void> {
  const end = Date.now() + 8000;
  while (!(await page.run<boolean>(`!!document.querySelector('#sounds .sound-${kind}')`))) {
    if (Date.now() > end) throw new Error(`no ${kind} card: ${page.errors.join('; ')}`);
    await sleep(50);
  }
}

let page: NuiPage;

describe('the screenshots of the docs', () => {
  for (const [name, { messages, sound }] of Object.entries(SHOTS)) {
    it(`shows the ${name}`, async () => {
      page = await openPage(browser(), loadBuiltClient(), {
        passThrough: (url) => url.hostname === AUDIO_HOST,
      });
      await whenReady(page);
      // A street-grey backdrop: the page itself is transparent over the game.
      await page.run(
        `(document.documentElement.style.background = 'linear-gradient(135deg, #3d4a56, #1f262d)', 1)`,
      );
      for (const message of messages()) await page.post(message);
      if (sound) await soundCard(page, sound);
      else
        await page.post({
          type: 'current',
          key: name === 'toast' ? null : `${name === 'emergency' ? 'emergencyCall' : name}:1`,
        });
      const region = sound ? '#sounds' : name === 'toast' ? '#toasts' : '#stack';
      const box = await page.run<{ x: number; y: number; width: number; height: number }>(`(() => {
        const r = document.querySelector('${region}').getBoundingClientRect();
        return { x: r.x - 16, y: r.y - 16, width: r.width + 32, height: r.height + 32 };
      })()`);
      const path = join(OUT, `nui-${name}.png`);
      await page.tab.screenshot({ path, clip: box });
      expect(readFileSync(path).subarray(0, 8).equals(PNG)).toBe(true);
      expect(box.height).toBeGreaterThan(60);
      expect(page.errors).toEqual([]);
      await page.close();
    });
  }
});
