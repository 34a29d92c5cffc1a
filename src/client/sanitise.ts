/**
 * CAD text is typed by people and arrives unescaped. Before it reaches a native it loses what the game
 * or the chat would read as markup, and is cut to what a text component holds.
 */

/** GTA text codes (`~r~`, `~n~`, `~a~`, `~BLIP_…~`, `~INPUT_…~`). */
const GTA_CODE = /~[A-Za-z0-9_]{0,40}~/g;
/** Chat colour and style codes (`^1`, `^*`, `^_`, `^=`, `^r`); runs such as `^^11` go in one match. */
const CHAT_CODE = /\^+[0-9*_=r]/g;
/** Scaleform reads `<…>` as tags: whole tags go, then any stray bracket or tilde. */
const TAG = /<\/?[A-Za-z][^<>]*>/g;
const MARKUP_CHARS = /[<>~]/g;
const CONTROL_OR_SPACE = /[\s\p{Cc}]+/gu;

/** `AddTextComponentSubstringPlayerName` accepts 99 bytes (UTF-8) per component. */
const COMPONENT_BYTES = 99;

/** Order matters: a removal may expose a code only a later step removes (`^~r~1` → `^1`), never an earlier one. */
export function cleanText(text: string, maxChars: number): string {
  const clean = text
    .replace(GTA_CODE, '')
    .replace(TAG, '')
    .replace(MARKUP_CHARS, '')
    .replace(CHAT_CODE, '')
    .replace(CONTROL_OR_SPACE, ' ')
    .trim();
  if (clean.length <= maxChars) return clean;
  let end = maxChars - 3;
  // Never keep half of a surrogate pair.
  if (/[\ud800-\udbff]/.test(clean.charAt(end - 1))) end--;
  return `${clean.slice(0, end).trimEnd()}...`;
}

function utf8Bytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/** Splits text into text components, never inside a character. */
export function components(text: string): string[] {
  const out: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Bytes(char.codePointAt(0) ?? 0);
    if (bytes + size > COMPONENT_BYTES) {
      out.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  if (piece) out.push(piece);
  return out;
}

/** Every ASCII punctuation mark Markdown may read as syntax; a backslash makes each literal. */
const MARKDOWN_SYNTAX = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

/** For clean text shown by a Markdown renderer (ox_lib's notifications): no links, images or emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SYNTAX, '\\$&');
}
