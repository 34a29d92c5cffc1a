/**
 * What the server and the page both check about CAD audio, so they agree: whether audio may play from a
 * URL (https only, from an allowed host: the server decides before it sends a tone, the page again before
 * it plays one), and which station colours a card may use. No zod here: the server loads this at start.
 */

/** Longer than any tone URL the CAD makes, short enough that a card can show it. */
export const MAX_AUDIO_URL = 2048;

export const REFUSALS = ['not a URL', 'not https', 'host not allowed'] as const;
export type AudioRefusal = (typeof REFUSALS)[number];

export type AudioUrlVerdict = { ok: true; url: string } | { ok: false; reason: AudioRefusal };

/** `host` is an exact host (`cdn.example.com`) or `*.` and a domain for any host under it. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase();
  for (const entry of allowed) {
    if (entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry) return true;
  }
  return false;
}

export function checkAudioUrl(raw: string, allowedHosts: readonly string[]): AudioUrlVerdict {
  let url: URL;
  if (raw.length > MAX_AUDIO_URL) return { ok: false, reason: 'not a URL' };
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.href.length > MAX_AUDIO_URL) return { ok: false, reason: 'not a URL' };
  if (url.protocol !== 'https:') return { ok: false, reason: 'not https' };
  // Credentials in a URL are never a tone host's business, and would show on the card.
  if (url.username || url.password || !hostAllowed(url.host, allowedHosts))
    return { ok: false, reason: 'host not allowed' };
  return { ok: true, url: url.href };
}

/** CSS colour names and hex colours only: the page sets them as a station card's accent. */
export const STATION_COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,24})$/i;
