/**
 * The pictures in docs/alerts.md: one screenshot per card kind and of a toast, taken in Chromium from
 * the real page. `npm run screenshots` writes them to docs/img/; otherwise they go to a temporary folder,
 * so a test run changes nothing in the tree.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltClient } from '../alerts/client-payloads';
import { type NuiPage, openPage, useBrowser, whenReady } from './browser';

const browser = useBrowser();
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

const SHOTS: Record<string, unknown[]> = {
  panic: [
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
  emergency: [
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
  dispatch: [
    card('dispatch', {
      code: '10-50',
      title: '#55 Vehicle collision',
      location: '123 Route 68',
      postal: '3021',
      description: 'Two vehicles, one overturned',
      note: 'D-1: Fire on scene',
    }),
  ],
  toast: [
    {
      type: 'toast',
      toast: { style: 'success', title: 'Panic cleared', text: 'A-10 Brian Sosnowski (MCSO)' },
    },
  ],
};

let page: NuiPage;

describe('the screenshots of docs/alerts.md', () => {
  for (const [name, messages] of Object.entries(SHOTS)) {
    it(`shows the ${name}`, async () => {
      page = await openPage(browser(), loadBuiltClient());
      await whenReady(page);
      // A street-grey backdrop: the page itself is transparent over the game.
      await page.run(
        `(document.documentElement.style.background = 'linear-gradient(135deg, #3d4a56, #1f262d)', 1)`,
      );
      for (const message of messages) await page.post(message);
      await page.post({
        type: 'current',
        key: name === 'toast' ? null : `${name === 'emergency' ? 'emergencyCall' : name}:1`,
      });
      const region = name === 'toast' ? '#toasts' : '#stack';
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
