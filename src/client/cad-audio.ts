/**
 * CAD tones, pages and station alerts: handed to the page, which plays and shows them, with the game's
 * SFX volume (NUI audio bypasses the game's mixer). Without the page they are a notice; whatever the
 * page could not play is one line in this console.
 */
import type { PageAlert, StationAlert, ToneAlert } from '../shared/cad-audio-payloads';
import { t } from './locale';
import type { Notice } from './notify/notice';
import { say } from './notify/present';
import { onPageCallback, post } from './nui/bridge';

/** AUDIO_SFX_LEVEL, 0 to 10. */
const SFX_SETTING = 300;

function sfx(): number {
  const level = Number(GetProfileSetting(SFX_SETTING));
  return Number.isFinite(level) ? Math.max(0, Math.min(1, level / 10)) : 1;
}

function notice(kind: Notice['kind'], title: string, lines: string[], style: Notice['style']): () => void {
  return () =>
    say({ kind, code: '', title, lines: lines.filter(Boolean), position: null, callId: null, style });
}

export function playTone(tone: ToneAlert): void {
  const fallback = notice('tone', t('nui.audio.toneTitle', tone.label), [t('tone.pageUnavailable')], 'info');
  if (!post({ type: 'tone', tone, sfx: sfx() }, fallback)) fallback();
}

export function showPage(page: PageAlert): void {
  const style = page.nature === 'Emergency' ? 'emergency' : 'info';
  const lines = [page.body, page.addresses.join(', ')];
  const fallback = notice('page', t(`nui.page.${page.nature}`), lines, style);
  if (!post({ type: 'pager', page, sfx: sfx() }, fallback)) fallback();
}

export function showStationAlert(station: StationAlert): void {
  const title = t('station.notice', station.stations.join(', '));
  const fallback = notice('stationAlert', title, [station.message], 'warning');
  if (!post({ type: 'station', station, sfx: sfx() }, fallback)) fallback();
}

export function reportAudioFailures(): void {
  onPageCallback('audioFailed', ({ what, reason }) => {
    console.warn(`[sonorancad] ${what}: not played, ${reason}.`);
    return { ok: true };
  });
}
