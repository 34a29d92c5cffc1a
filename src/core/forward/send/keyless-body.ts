/** The JSON a raw target receives: the push without its `key`, and without the key's value anywhere else either. */
import { escapeRegExp } from '../../text';
import { withoutTopLevelKey } from './keyless-text';

const MASK = '[redacted]';
/** As in the logger: shorter values would mask ordinary words. */
const MIN_KEY_LENGTH = 4;

function scrubber(apiKey: string): (this: unknown, name: string, value: unknown) => unknown {
  const pattern = new RegExp(escapeRegExp(apiKey), 'gi');
  const scrub = (text: string) => text.replace(pattern, MASK);
  return (_name, value) => {
    if (typeof value === 'string') return scrub(value);
    if (typeof value === 'number' && pattern.test(String(value))) return MASK;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    // Property names can carry the key too; rebuild the object only when one does.
    const entries = Object.entries(value);
    if (!entries.some(([key]) => scrub(key) !== key)) return value;
    return Object.fromEntries(entries.map(([key, inner]) => [scrub(key), inner]));
  };
}

/**
 * The received JSON again, without `key`. The CAD could echo the key inside a text field, so the output
 * is searched for it (as JSON escapes it) and, in that rare case, serialised again with every match masked.
 */
export function keylessBody(raw: string, apiKey: string): string {
  const { key: _key, ...rest } = JSON.parse(raw) as Record<string, unknown>;
  let text: string;
  try {
    text = JSON.stringify(rest);
  } catch {
    // Nested too deeply to write out again: the key is cut out of the received text instead.
    return maskedText(withoutTopLevelKey(raw), apiKey);
  }
  if (apiKey.length < MIN_KEY_LENGTH) return text;
  const escaped = JSON.stringify(apiKey).slice(1, -1).toLowerCase();
  if (!text.toLowerCase().includes(escaped)) return text;
  return JSON.stringify(rest, scrubber(apiKey));
}

/** Every echo of the key (as JSON escapes it) masked in the text; the key sits inside strings there. */
function maskedText(text: string, apiKey: string): string {
  if (apiKey.length < MIN_KEY_LENGTH) return text;
  const escaped = JSON.stringify(apiKey).slice(1, -1);
  return text.replace(new RegExp(escapeRegExp(escaped), 'gi'), MASK);
}

/** A keyless body with the key put back first, for an includeKey target re-sent from a dead letter. */
export function withKey(keyless: string, apiKey: string): string {
  const rest = JSON.parse(keyless) as Record<string, unknown>;
  try {
    return JSON.stringify({ key: apiKey, ...rest });
  } catch {
    // Too deep to write out again: the key goes in front of the text as it is.
    const members = keyless.trim().slice(1);
    return `{"key":${JSON.stringify(apiKey)}${members.trim() === '}' ? '' : ','}${members}`;
  }
}
