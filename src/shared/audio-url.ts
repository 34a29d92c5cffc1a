/**
 * Whether audio may play from a URL: https only, from an allowed host. The server decides before it
 * sends a tone and the page checks again before it plays one; both use this, so they agree. (Not for the
 * game client, whose runtime has no URL.)
 */
import { type AudioRefusal, MAX_AUDIO_URL } from './cad-audio-rules';

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
