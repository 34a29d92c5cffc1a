/**
 * Server → client payloads for CAD tones, pager pages and station alerts, and their schemas: the client
 * checks every one before it is shown or played. The server imports only the types (see alert-text.ts).
 */
import * as z from 'zod/mini';
import { MAX_TEXT } from './alert-text';
import { MAX_AUDIO_URL, REFUSALS, STATION_COLOUR } from './cad-audio-rules';

const text = z.string().check(z.maxLength(MAX_TEXT));
/** The largest station message audio (as a data: URL) a payload carries; the server's cap is below it. */
export const MAX_MESSAGE_AUDIO = 1_100_000;

/** What the page needs to check a URL again and to cut long audio. */
const playback = {
  allowedHosts: z.array(z.string()),
  maxSeconds: z.number().check(z.positive()),
};

const audioUrl = {
  url: z.string().check(z.maxLength(MAX_AUDIO_URL)),
  /** Why the server would not play it, or null. */
  refused: z.nullable(z.enum(REFUSALS)),
};

export const ToneAlertSchema = z.object({
  ...audioUrl,
  /** The label of the first target that names this player (or the CAD's default for it). */
  label: text,
  ...playback,
});

export const PAGE_NATURES = ['Emergency', 'NonEmergency', 'Administrative'] as const;

export const PageAlertSchema = z.object({
  nature: z.enum(PAGE_NATURES),
  body: text,
  addresses: z.array(text),
});

export const StationToneSchema = z.union([z.object({ name: text }), z.object(audioUrl)]);

export const StationAlertSchema = z.object({
  /** The stations of the alert that this player hears (by radius or department). */
  stations: z.array(text),
  /** Empty when the message was audio. */
  message: text,
  /** A `data:audio/…;base64,` URL the server checked, played after the tone; null: none. */
  messageAudio: z.nullable(z.string().check(z.maxLength(MAX_MESSAGE_AUDIO))),
  colors: z.array(z.string().check(z.regex(STATION_COLOUR))),
  tone: z.nullable(StationToneSchema),
  ...playback,
});

export type ToneAlert = z.infer<typeof ToneAlertSchema>;
export type PageNature = (typeof PAGE_NATURES)[number];
export type PageAlert = z.infer<typeof PageAlertSchema>;
export type StationTone = z.infer<typeof StationToneSchema>;
export type StationAlert = z.infer<typeof StationAlertSchema>;
