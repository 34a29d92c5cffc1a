/** Small text helpers every stage uses the same way. */

/** The message of anything thrown; an Error made in another realm (Node's own fs, a vm) counts too. */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** `text` matched literally inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** At most `max` characters and then an ellipsis, never cutting a surrogate pair in half. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** `forwarding.targets[0].url`: a zod issue path as the docs name fields, after an optional root. */
export function dottedPath(segments: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** A name from config or another system compared as people mean it: no case, no surrounding spaces. */
export const normalName = (name: string): string => name.trim().toLowerCase();
