/**
 * The built page (dist/nui) in a real headless Chromium, hosted as FiveM hosts it: the files from
 * `https://cfx-nui-sonorancad/`, NUI callbacks (`https://sonorancad/<name>`) answered by the client
 * double's registered callbacks, and messages posted into the frame as the root page does. Every message
 * goes through a raw DevTools `Runtime.evaluate` with `userGesture: false`: puppeteer's own evaluate
 * counts as a user gesture and would hide an autoplay bug.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type HTTPRequest, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import type { ClientDouble } from '../doubles/client/double';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const NUI_DIR = join(__dirname, '..', '..', 'dist', 'nui');
const RESOURCE = 'sonorancad';
const ORIGIN = `https://cfx-nui-${RESOURCE}`;
const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };

/** Counts timers and animation frames from before the page's own script runs. */
const TIMER_PROBE = `(() => {
  const live = new Set();
  const calls = { timeout: 0, interval: 0, frame: 0 };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  const raf = window.requestAnimationFrame, caf = window.cancelAnimationFrame;
  window.setTimeout = (fn, ms, ...args) => {
    calls.timeout++;
    const id = st(() => { live.delete('t' + id); fn(...args); }, ms);
    live.add('t' + id);
    return id;
  };
  window.clearTimeout = (id) => { live.delete('t' + id); ct(id); };
  window.setInterval = (fn, ms, ...args) => { calls.interval++; const id = si(fn, ms, ...args); live.add('i' + id); return id; };
  window.clearInterval = (id) => { live.delete('i' + id); ci(id); };
  window.requestAnimationFrame = (fn) => {
    calls.frame++;
    const id = raf((time) => { live.delete('f' + id); fn(time); });
    live.add('f' + id);
    return id;
  };
  window.cancelAnimationFrame = (id) => { live.delete('f' + id); caf(id); };
  window.__timers = () => ({ ...calls, live: live.size });
})();`;

/** What FiveM gives every NUI frame; the page must not need more. */
const FRAME_GLOBALS = `window.GetParentResourceName = () => '${RESOURCE}';`;

/** Records every note the page's AudioContext plays (oscillators started), and their gain. */
const AUDIO_PROBE = `(() => {
  window.__notes = [];
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__notes.push(this.frequency.value);
    return start.apply(this, args);
  };
})();`;

export interface CallbackRecord {
  name: string;
  body: unknown;
  answer: unknown;
}

export interface SeenCard {
  key: string;
  classes: string[];
  text: string;
  title: string;
  hint: string;
}

export interface NuiPage {
  readonly tab: Page;
  readonly callbacks: CallbackRecord[];
  /** Uncaught errors and console errors of the page: a passing test leaves this empty. */
  readonly errors: string[];
  /** Evaluates in the page without a user gesture; the value is returned by value. */
  run<T>(expression: string): Promise<T>;
  /** Posts a raw message into the frame, as FiveM's root page does, and waits until it was handled. */
  post(message: unknown): Promise<void>;
  /** Delivers what the client sent with SendNuiMessage since the last pump. */
  pump(): Promise<void>;
  cards(): Promise<SeenCard[]>;
  more(): Promise<string | null>;
  toasts(): Promise<string[]>;
  timers(): Promise<{ timeout: number; interval: number; frame: number; live: number }>;
  notes(): Promise<number[]>;
  close(): Promise<void>;
}

/** One browser for every test of a file: a launch costs far more than a tab. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(join(NUI_DIR, 'index.html')))
      throw new Error('dist/nui is missing: run `npm run build` first (npm test does).');
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // As FiveM's NUIApp.cpp launches CEF; the sandbox refuses to run as root.
      args: [
        ...(root ? ['--no-sandbox'] : []),
        '--disable-web-security',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser starts before the tests.');
    return browser;
  };
}

function answerFile(request: HTTPRequest, path: string): void {
  const file = join(NUI_DIR, basename(path));
  if (!path.startsWith('/dist/nui/') || !existsSync(file)) {
    void request.respond({ status: 404, body: '' });
    return;
  }
  const type = TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
  void request.respond({ status: 200, contentType: type, body: readFileSync(file) });
}

export async function openPage(browser: Browser, client: ClientDouble): Promise<NuiPage> {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1280, height: 720 });
  const errors: string[] = [];
  const callbacks: CallbackRecord[] = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === ORIGIN) return answerFile(request, url.pathname);
    if (url.hostname !== RESOURCE) {
      // Nothing from the internet: any other request is a failure the test sees.
      errors.push(`request to ${request.url()}`);
      return void request.abort();
    }
    const name = url.pathname.slice(1);
    let body: unknown = null;
    try {
      body = JSON.parse(request.postData() ?? '');
    } catch {
      // FiveM does not dispatch a body that is not JSON.
      return void request.respond({ status: 400, body: '' });
    }
    let answer: unknown;
    try {
      answer = client.nuiCallback(name, body);
    } catch (error) {
      errors.push(`NUI callback ${name}: ${String(error)}`);
      return void request.respond({ status: 404, body: '' });
    }
    callbacks.push({ name, body, answer });
    void request.respond({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) });
  });
  const cdp: CDPSession = await tab.createCDPSession();
  for (const source of [FRAME_GLOBALS, TIMER_PROBE, AUDIO_PROBE]) {
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source });
  }
  await tab.goto(`${ORIGIN}/dist/nui/index.html`, { waitUntil: 'load' });

  let delivered = 0;
  let probes = 0;
  const run = async <T>(expression: string): Promise<T> => {
    const reply = await cdp.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
      userGesture: false,
    });
    if (reply.exceptionDetails) {
      throw new Error(
        `${reply.exceptionDetails.text} ${reply.exceptionDetails.exception?.description ?? ''}`,
      );
    }
    return reply.result.value as T;
  };
  // Window messages are handled in the order posted: the probe's own comes back after the message.
  const post = (message: unknown) =>
    run<void>(`new Promise((resolve) => {
      const probe = ${++probes};
      addEventListener('message', function seen(event) {
        if (event.data && event.data.__probe === probe) { removeEventListener('message', seen); resolve(); }
      });
      postMessage(${JSON.stringify(message)}, '*');
      postMessage({ __probe: probe }, '*');
    })`);
  const page: NuiPage = {
    tab,
    callbacks,
    errors,
    run,
    post,
    async pump() {
      while (delivered < client.nui.messages.length) await post(client.nui.messages[delivered++]);
    },
    cards: () =>
      run<SeenCard[]>(`[...document.querySelectorAll('#stack .card')].map((card) => ({
        key: card.dataset.key,
        classes: [...card.classList],
        text: card.innerText,
        title: card.querySelector('.title').textContent,
        hint: card.querySelector('.hint').textContent,
      }))`),
    more: () => run<string | null>(`document.querySelector('#stack .more')?.textContent ?? null`),
    toasts: () =>
      run<string[]>(`[...document.querySelectorAll('#toasts .toast')].map((toast) => toast.innerText)`),
    timers: () => run(`window.__timers()`),
    notes: () => run<number[]>(`window.__notes`),
    close: () => tab.close(),
  };
  return page;
}

/** Waits until the page has asked `ready` and shows what the client held. */
export async function whenReady(page: NuiPage): Promise<void> {
  await page.tab.waitForFunction(`document.body.dataset.ready === 'true'`, { timeout: 5000 });
  await page.pump();
}
