/**
 * What the server needs at run time from the alert payloads' contract: the text limit and the notify
 * providers. Kept apart from alert-payloads.ts, whose schemas only the client runs: importing a value from
 * there would build every payload schema at each resource start (~5 ms of zod constructors).
 */

/** Longest CAD text a payload carries; the client splits and shortens further for the natives. */
export const MAX_TEXT = 400;

export function clipText(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/**
 * Where the client shows an alert's text (`alerts.notify`); "auto" is "nui", our own cards. Blips and
 * sounds stay ours unless the provider draws its own; a provider that is not running falls back to the GTA
 * feed.
 */
export const NOTIFY_PROVIDERS = ['auto', 'nui', 'feed', 'ox_lib', 'chat', 'ps-dispatch', 'event'] as const;
