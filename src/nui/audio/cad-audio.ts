/**
 * CAD tones, pages and station alerts on the page: what plays (through the queue) and what shows. A
 * URL plays only over https from the allowed hosts, checked here again whatever the server said; a
 * sound that cannot play gets a card saying why and one line in the client's console.
 */

import { checkAudioUrl } from '../../shared/audio-url';
import type { PageAlert, StationAlert, ToneAlert } from '../../shared/cad-audio-payloads';
import type { AudioRefusal } from '../../shared/cad-audio-rules';
import type { PlayerSettings } from '../../shared/nui-settings';
import { call } from '../callbacks';
import { t } from '../strings';
import { enqueue } from './queue';
import { showSoundCard } from './sound-cards';

const FAILED_MS = 8000;
const PAGE_MS = 20_000;
const STATION_MS = 30_000;
/** Our own tones are short; this only bounds a broken file. */
const BUNDLED_MAX_SECONDS = 15;
/** Built by scripts/tones.mjs; an unknown station tone name plays the first. */
const BUNDLED = ['tone1', 'tone2', 'tone3', 'pager'];

let settings: () => PlayerSettings;

export function useAudioSettings(read: () => PlayerSettings): void {
  settings = read;
}

const bundled = (name: string) => `tone-${BUNDLED.includes(name) ? name : BUNDLED[0]}.wav`;

function failed(what: string, reason: string): void {
  showSoundCard(
    {
      kind: 'failed',
      badge: t('audio.failed'),
      title: t('audio.failedTitle', what),
      lines: [reason],
      ms: FAILED_MS,
    },
    Date.now(),
  );
  call('audioFailed', { what, reason }).catch(() => {});
}

/** The URL to play, or why not. */
function source(
  url: string,
  refused: AudioRefusal | null,
  allowedHosts: string[],
): { src: string } | { reason: string } {
  const verdict = refused ? { ok: false as const, reason: refused } : checkAudioUrl(url, allowedHosts);
  return verdict.ok ? { src: verdict.url } : { reason: t(`audio.refused.${verdict.reason}`) };
}

/** Plays it after what is queued; `card` shows while it plays. */
function play(src: string, what: string, volume: number, maxSeconds: number, card?: () => () => void): void {
  let remove: (() => void) | null = null;
  enqueue({
    src,
    volume,
    maxSeconds,
    started: () => {
      if (card) remove ??= card();
    },
    done: (failure) => {
      remove?.();
      if (failure !== null) failed(what, `${t('audio.unplayable')} (${failure})`);
    },
  });
}

export function playTone(tone: ToneAlert, sfx: number): void {
  const player = settings();
  if (player.doNotDisturb || player.mute.tone) return;
  const what = t('audio.toneTitle', tone.label);
  const found = source(tone.url, tone.refused, tone.allowedHosts);
  if ('reason' in found) {
    failed(what, found.reason);
    return;
  }
  play(found.src, what, player.volume * sfx, tone.maxSeconds, () =>
    showSoundCard({ kind: 'tone', badge: t('audio.tone'), title: what, lines: [], ms: null }, Date.now()),
  );
}

export function showPage(page: PageAlert, sfx: number, now: number): void {
  const player = settings();
  if (player.doNotDisturb) return;
  const badge = t(`page.${page.nature}`);
  showSoundCard(
    {
      kind: `page page-${page.nature}`,
      badge,
      title: page.body,
      lines: [page.addresses.join(', ')],
      ms: PAGE_MS,
    },
    now,
  );
  if (!player.mute.page) play(bundled('pager'), badge, player.volume * sfx, BUNDLED_MAX_SECONDS);
}

export function showStation(station: StationAlert, sfx: number, now: number): void {
  const player = settings();
  if (player.doNotDisturb) return;
  const badge = t('station.badge');
  const text = station.message || (station.messageAudio ? t('station.message') : '');
  showSoundCard(
    {
      kind: 'station',
      badge,
      title: station.stations.join(', '),
      lines: [text],
      colours: station.colors,
      ms: STATION_MS,
    },
    now,
  );
  if (player.mute.tone) return;
  const volume = player.volume * sfx;
  const { tone } = station;
  if (tone && 'url' in tone) {
    const found = source(tone.url, tone.refused, station.allowedHosts);
    if ('reason' in found) failed(badge, found.reason);
    else play(found.src, badge, volume, station.maxSeconds);
  } else {
    play(bundled(tone?.name ?? ''), badge, volume, BUNDLED_MAX_SECONDS);
  }
  // Only what the server decoded and labelled as audio.
  if (station.messageAudio?.startsWith('data:audio/'))
    play(station.messageAudio, t('station.message'), volume, station.maxSeconds);
}
