/**
 * The limits CAD audio payloads share between the server, the client and the page: the longest URL, why
 * a URL may be refused, which station colours a card may use. No zod here: the server loads this at start.
 */

/** Longer than any tone URL the CAD makes, short enough that a card can show it. */
export const MAX_AUDIO_URL = 2048;

export const REFUSALS = ['not a URL', 'not https', 'host not allowed'] as const;
export type AudioRefusal = (typeof REFUSALS)[number];

/** CSS colour names and hex colours only: the page sets them as a station card's accent. */
export const STATION_COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,24})$/i;
