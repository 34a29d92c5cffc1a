/**
 * What the page's audio elements do, recorded in the page from the moment `watchMedia` runs, and read
 * back without a user gesture; and the cards of what is heard.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { NuiPage } from './browser';

export interface MediaEvent {
  type: string;
  src: string;
  at: number;
  time: number;
  volume: number;
  /** Audio elements not paused when it fired. */
  audible: number;
}

const PROBE = `(() => {
  window.__media = [];
  for (const type of ['playing', 'timeupdate', 'ended', 'error', 'emptied']) {
    document.addEventListener(type, (event) => {
      const node = event.target;
      window.__media.push({
        type, src: node.currentSrc || node.src, at: performance.now(), time: node.currentTime,
        volume: node.volume, audible: [...document.querySelectorAll('audio')].filter((a) => !a.paused).length,
      });
    }, true);
  }
  return navigator.userActivation.hasBeenActive;
})()`;

export interface Media {
  /** Whether a user gesture ever reached the page (FiveM gives none). */
  activated: boolean;
  events(): Promise<MediaEvent[]>;
  /** Polls until `test` holds for what the page recorded. */
  until(test: (events: MediaEvent[]) => boolean, ms?: number): Promise<MediaEvent[]>;
  /** The text of each card of what is heard, newest first. */
  cards(): Promise<string[]>;
}

export async function watchMedia(page: NuiPage): Promise<Media> {
  const activated = await page.run<boolean>(PROBE);
  const events = () => page.run<MediaEvent[]>('window.__media');
  return {
    activated,
    events,
    async until(test, ms = 8000) {
      const end = Date.now() + ms;
      for (;;) {
        const seen = await events();
        if (test(seen)) return seen;
        if (Date.now() > end) throw new Error(`gave up waiting; saw ${JSON.stringify(seen)}`);
        await sleep(50);
      }
    },
    cards: () =>
      page.run<string[]>(`[...document.querySelectorAll('#sounds .card')].map((card) => card.innerText)`),
  };
}

/** The events of one type, of one source (by the end of its URL) if given. */
export const of = (events: MediaEvent[], type: string, src?: string) =>
  events.filter((event) => event.type === type && (src === undefined || event.src.endsWith(src)));
