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
const TYPES: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  css: 'text/css',
  wav: 'audio/wav',
};

/**
 * The page's timers on a manual clock, from before its own script runs: `__clock.advance(ms)` runs what
 * falls due and moves Date.now, as the client double's frame timers do. Animation frames stay real,
 * counted. `__timers()` says how many were asked for and how many are pending.
 */
const CLOCK = `(() => {
  let now = Date.now();
  let nextId = 1;
  const timers = new Map();
  const frames = new Set();
  const calls = { timeout: 0, interval: 0, frame: 0 };
  const add = (fn, ms, args, every) => {
    const id = nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    timers.set(id, { fn, args, due: now + delay, every: every ? Math.max(1, delay) : null });
    return id;
  };
  Date.now = () => now;
  window.setTimeout = (fn, ms, ...args) => { calls.timeout++; return add(fn, ms, args, false); };
  window.setInterval = (fn, ms, ...args) => { calls.interval++; return add(fn, ms, args, true); };
  window.clearTimeout = window.clearInterval = (id) => { timers.delete(id); };
  const raf = window.requestAnimationFrame.bind(window);
  const caf = window.cancelAnimationFrame.bind(window);
  window.requestAnimationFrame = (fn) => {
    calls.frame++;
    const id = raf((time) => { frames.delete(id); fn(time); });
    frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id) => { frames.delete(id); caf(id); };
  window.__clock = {
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next = null;
        for (const entry of timers) if (entry[1].due <= end && (!next || entry[1].due < next[1].due)) next = entry;
        if (!next) break;
        const [id, timer] = next;
        now = timer.due;
        if (timer.every === null) timers.delete(id);
        else timer.due += timer.every;
        timer.fn(...timer.args);
      }
      now = end;
    },
  };
  window.__timers = () => ({ ...calls, live: timers.size + frames.size });
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
  /** "Cleared", "Acknowledged" or empty. */
  status: string;
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
  /** Lets `ms` of the page's time pass at once: its timers run, Date.now moves. */
  elapse(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** One browser for every test of a file: a launch costs far more than a tab. `args`: more switches. */
export function useBrowser(args: string[] = []): () => Browser {
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
        ...args,
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

export interface PageOptions {
  /** Requests that go out to the network instead of failing the test (a local audio server). */
  passThrough?: (url: URL) => boolean;
}

export async function openPage(
  browser: Browser,
  client: ClientDouble,
  options: PageOptions = {},
): Promise<NuiPage> {
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
    if (options.passThrough?.(url)) return void request.continue();
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
  // Page.addScriptToEvaluateOnNewDocument, on the session that has the Page domain enabled.
  for (const source of [FRAME_GLOBALS, CLOCK, AUDIO_PROBE]) await tab.evaluateOnNewDocument(source);
  const cdp: CDPSession = await tab.createCDPSession();
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
        text: card.textContent,
        title: card.querySelector('.title').textContent,
        status: card.querySelector('.status').textContent,
        hint: card.querySelector('.hint').textContent,
      }))`),
    more: () => run<string | null>(`document.querySelector('#stack .more')?.textContent ?? null`),
    toasts: () =>
      run<string[]>(`[...document.querySelectorAll('#toasts .toast')].map((toast) => toast.innerText)`),
    timers: () => run(`window.__timers()`),
    notes: () => run<number[]>(`window.__notes`),
    elapse: (ms) => run<void>(`window.__clock.advance(${ms})`),
    close: () => tab.close(),
  };
  return page;
}

const READY_WAIT_MS = 5000;

/** Waits until the page has asked `ready` and shows what the client held; polled from here, not in the page. */
export async function whenReady(page: NuiPage): Promise<void> {
  const until = Date.now() + READY_WAIT_MS;
  while (!(await page.run<boolean>(`document.body.dataset.ready === 'true'`))) {
    if (Date.now() > until) throw new Error(`The page did not say ready: ${page.errors.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await page.pump();
}
