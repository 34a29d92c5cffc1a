// NUI page: main-thread script time to add one card, in the built page (dist/nui) in headless Chromium.
// Alternating batches post the same number of card messages or of messages of a type the page ignores
// (the baseline: message delivery, evaluate and the failed parse); the difference per card is the cost of
// validating and rendering it. Each batch waits two animation frames, so the frame a card schedules is
// counted; cards are removed between batches, outside the measurement.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NUI_DIR = join(root, 'dist', 'nui');
// The Sonoran sample bodies the tests use.
const SAMPLES = join(root, 'test', 'fixtures', 'sonoran');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ORIGIN = 'https://cfx-nui-sonorancad';
const TYPES = { html: 'text/html', js: 'text/javascript', css: 'text/css', wav: 'audio/wav' };
const PER_BATCH = 6;
const ROUNDS = 41;
const WARMUP = 5;
const TARGET_MS = 4;

const sample = (name) => JSON.parse(readFileSync(join(SAMPLES, name), 'utf8')).data;
const locale = JSON.parse(readFileSync(join(root, 'locales', 'en.json'), 'utf8'));
const strings = Object.fromEntries(
  Object.entries(locale)
    .filter(([key]) => key.startsWith('nui.'))
    .map(([key, text]) => [key.slice(4), text]),
);

/** What the client sends for a panic, a 911 call and a dispatch, with the samples' texts. */
function cardTemplates() {
  const { call } = sample('EVENT_911.object.json');
  const { dispatch } = sample('EVENT_DISPATCH_NEW.object.json');
  const [unit] = sample('EVENT_UNIT_PANIC.object.json').identIds;
  const empty = { code: '', title: '', location: '', postal: '', caller: '', description: '', note: '' };
  const alert = { sound: true, urgent: false, repeatSeconds: 0 };
  return [
    {
      ...empty,
      ...alert,
      kind: 'panic',
      code: locale['panic.code'],
      title: locale['panic.title'],
      description: locale['panic.unit'].replace('%s', String(unit)),
      urgent: true,
      repeatSeconds: 10,
    },
    {
      ...empty,
      ...alert,
      kind: 'emergencyCall',
      code: '911',
      title: `911 call #${call.callId}`,
      location: call.location,
      postal: call.metaData.postal,
      caller: call.caller,
      description: call.description,
    },
    {
      ...empty,
      ...alert,
      kind: 'dispatch',
      code: dispatch.code,
      title: dispatch.title,
      location: `${dispatch.block} ${dispatch.address}`,
      postal: dispatch.postal,
      description: dispatch.description,
      note: 'Driver uncooperative, requesting a second unit',
    },
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function openPage(browser) {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 720 });
  const errors = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    const url = new URL(request.url());
    const json = (body) =>
      request.respond({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    if (url.origin === ORIGIN) {
      const file = join(NUI_DIR, basename(url.pathname));
      if (!existsSync(file)) return void request.respond({ status: 404, body: '' });
      const type = TYPES[file.split('.').pop()] ?? 'application/octet-stream';
      return void request.respond({ status: 200, contentType: type, body: readFileSync(file) });
    }
    if (url.href === 'https://sonorancad/ready') {
      // Settings and config as a new player on a default server has them.
      return void json({
        settings: {},
        config: {
          maxCards: 4,
          panicMutable: false,
          keys: { respond: 'HOME', previous: 'PAGEUP', next: 'PAGEDOWN', acknowledge: 'END' },
        },
        strings,
      });
    }
    if (url.hostname === 'sonorancad') return void json({ ok: true });
    return void request.abort();
  });
  await tab.evaluateOnNewDocument(`window.GetParentResourceName = () => 'sonorancad';`);
  const cdp = await tab.createCDPSession();
  await tab.goto(`${ORIGIN}/dist/nui/index.html`, { waitUntil: 'load' });
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const run = async (expression) => {
    const reply = await cdp.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
      userGesture: false,
    });
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? 'evaluate');
    return reply.result.value;
  };
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  };
  for (let waited = 0; !(await run(`document.body.dataset.ready === 'true'`)); waited += 10) {
    if (waited > 5000) throw new Error(`The page did not say ready: ${errors.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Messages are handled in the order posted: the probe comes back after the batch; then two frames.
  const post = (messages) =>
    run(`new Promise((resolve) => {
      addEventListener('message', function seen(event) {
        if (!event.data || event.data.__probe !== true) return;
        removeEventListener('message', seen);
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      });
      for (const message of ${JSON.stringify(messages)}) postMessage(message, '*');
      postMessage({ __probe: true }, '*');
    })`);
  return { run, post, metrics, errors, close: () => tab.close() };
}

/** Script, style and layout seconds of the page's main thread spent while `messages` are handled. */
async function measure(page, messages) {
  const before = await page.metrics();
  await page.post(messages);
  const after = await page.metrics();
  const spent = (name) => (after[name] - before[name]) * 1000;
  return {
    script: spent('ScriptDuration'),
    style: spent('RecalcStyleDuration'),
    layout: spent('LayoutDuration'),
  };
}

export default async function run() {
  execFileSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'ignore' });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As FiveM launches CEF (and test/nui/browser.ts, Chromium); the sandbox refuses to run as root.
    args: [
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-web-security',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  const templates = cardTemplates();
  const rounds = { card: [], ignored: [], style: [], layout: [] };
  try {
    const page = await openPage(browser);
    let arrival = 0;
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const cards = Array.from({ length: PER_BATCH }, (_, i) => {
        arrival++;
        const card = templates[i % templates.length];
        return { type: 'card', card: { ...card, key: `${card.kind}:${arrival}`, arrival } };
      });
      // Same size, a type the catalogue does not know: the page drops it after parsing.
      const ignored = cards.map((message) => ({ ...message, type: 'unknownCard' }));
      const card = await measure(page, cards);
      const shown = await page.run(`document.querySelectorAll('#stack .card').length`);
      if (shown !== Math.min(PER_BATCH, 4)) throw new Error(`The page shows ${shown} cards`);
      await page.post(cards.map(({ card }) => ({ type: 'remove', key: card.key, cleared: false })));
      const baseline = await measure(page, ignored);
      if (round < WARMUP) continue;
      rounds.card.push(card.script / PER_BATCH);
      rounds.ignored.push(baseline.script / PER_BATCH);
      rounds.style.push((card.style - baseline.style) / PER_BATCH);
      rounds.layout.push((card.layout - baseline.layout) / PER_BATCH);
    }
    if (page.errors.length > 0) throw new Error(`The page failed: ${page.errors.join('; ')}`);
    await page.close();
  } finally {
    await browser.close();
  }
  const added = rounds.card.map((ms, i) => ms - rounds.ignored[i]);
  const perCard = median(added);
  const ms = (value) => `${value.toFixed(3)} ms`;
  return {
    title:
      'NUI page: main-thread script time to add one card (parse, validation, rendering, its sound, ' +
      "the next two frames' script; less an ignored message's cost; no style, layout or paint)",
    lines: [
      `Built page in headless Chromium (${basename(CHROMIUM)}), ${ROUNDS} rounds after ${WARMUP} warm-up, each posting ${PER_BATCH} card messages (panic, 911 call, dispatch, with the samples' texts, each with its sound; 4 cards shown, the rest counted in the stack's "more" line) and then the same ${PER_BATCH} messages as a type the page ignores. Per round, DevTools \`Performance.getMetrics\` ScriptDuration (main thread, thread ticks) before and after the batch, which waits for two animation frames; the figure is the median over rounds of (cards − ignored) ÷ ${PER_BATCH}. Messages are posted by \`Runtime.evaluate\` without a user gesture; cards are removed between rounds.`,
      '',
      '| per message | script |',
      '| --- | --- |',
      `| ignored type (baseline) | ${ms(median(rounds.ignored))} |`,
      `| card | ${ms(median(rounds.card))} |`,
      `| **card − baseline** | **${ms(perCard)}** |`,
      '',
      `Target: adding a card ≤ ${TARGET_MS} ms of script: ${perCard <= TARGET_MS ? 'met' : '**NOT met**'}. Style recalculation and layout a card adds, outside that figure: ${ms(median(rounds.style))} and ${ms(median(rounds.layout))} per card (medians).`,
    ],
  };
}
