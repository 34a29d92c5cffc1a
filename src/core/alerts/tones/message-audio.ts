/**
 * A station alert's `message` is text, or "a base 64 string for AI audio" (Sonoran's docs). It counts as
 * audio only when it is base64 through and through and its first bytes are an audio format's signature,
 * so no sentence is ever mistaken for it.
 */

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DATA_URL = /^data:audio\/[\w.+-]+;base64,/i;
/** Anything shorter is no recording. */
const MIN_LENGTH = 64;

/** The format by its first bytes; null when none of these. */
function mimeOf(head: Uint8Array): string | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) {
    // Frame sync: layer bits 00 are AAC in ADTS, the others MPEG audio.
    return ((head[1] ?? 0) & 0x06) === 0 ? 'audio/aac' : 'audio/mpeg';
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'audio/webm';
  return null;
}

export type MessageAudio =
  | { kind: 'text' }
  | { kind: 'audio'; dataUrl: string }
  | { kind: 'too large'; bytes: number };

export function readMessage(message: string, maxBytes: number): MessageAudio {
  const trimmed = message.trim();
  const base64 = trimmed.replace(DATA_URL, '');
  if (base64.length < MIN_LENGTH || base64.length % 4 !== 0 || !BASE64.test(base64)) return { kind: 'text' };
  const mime = mimeOf(Buffer.from(base64.slice(0, 16), 'base64'));
  if (mime === null) return { kind: 'text' };
  const bytes = Math.floor((base64.length * 3) / 4);
  if (bytes > maxBytes) return { kind: 'too large', bytes };
  return { kind: 'audio', dataUrl: `data:${mime};base64,${base64}` };
}
