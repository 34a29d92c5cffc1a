/**
 * Every message between the game client and its NUI page, named here as events.ts names net events, and
 * checked with these schemas at both ends. Client → page: `SendNuiMessage` posts one of `NuiMessage`;
 * the page ignores anything else (FiveM itself posts `{type: 'poll'}`). Page → client: a POST to
 * `https://<resource>/<callback>` whose body and answer are the callback's schemas; every callback answers.
 */
import * as z from 'zod/mini';
import { MAX_TEXT } from './alert-text';
import { PageAlertSchema, StationAlertSchema, ToneAlertSchema } from './cad-audio-payloads';
import { PlayerSettingsSchema } from './nui-settings';
import type { NuiStringKey } from './nui-strings';

const text = z.string().check(z.maxLength(MAX_TEXT));

/** One card per active alert of these kinds; the page's kind registry gives each its colour, icon and sound. */
export const CARD_KINDS = ['panic', 'emergencyCall', 'dispatch'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export const NOTICE_STYLES = ['emergency', 'warning', 'info', 'success'] as const;

export const CardSchema = z.object({
  /** One card per key: a second card with the same key updates the first in place. */
  key: z.string().check(z.minLength(1), z.maxLength(64)),
  kind: z.enum(CARD_KINDS),
  /** "911", "PANIC", a dispatch code; may be empty. */
  code: text,
  title: text,
  location: text,
  postal: text,
  caller: text,
  description: text,
  /** The latest note on the call. */
  note: text,
  /** Higher is newer: the page shows the newest on top. */
  arrival: z.int(),
  /** Play the kind's sound now: a new alert, not an update. */
  sound: z.boolean(),
  /** Seconds between repeats of the sound until the player acknowledges; 0: once. */
  repeatSeconds: z.number().check(z.minimum(0), z.maximum(3600)),
  /** Pulses until acknowledged or gone. */
  urgent: z.boolean(),
});

export const ToastSchema = z.object({
  style: z.enum(NOTICE_STYLES),
  title: text,
  text,
});

export const PageConfigSchema = z.object({
  maxCards: z.int().check(z.minimum(1), z.maximum(10)),
  /** Do-not-disturb silences panics too. */
  panicMutable: z.boolean(),
  /** The key each action is bound to, as the player sees it. */
  keys: z.object({ respond: text, previous: text, next: text, acknowledge: text }),
});

const unit = z.number().check(z.minimum(0), z.maximum(1));

export const NuiMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('card'), card: CardSchema }),
  /** `cleared`: a panic the CAD cleared, shown as such for a moment before it goes. */
  z.object({ type: z.literal('remove'), key: z.string(), cleared: z.boolean() }),
  z.object({ type: z.literal('toast'), toast: ToastSchema }),
  /** The card the keys act on; null: none. */
  z.object({ type: z.literal('current'), key: z.nullable(z.string()) }),
  z.object({ type: z.literal('acknowledge'), key: z.string() }),
  /** Metres from the player, by card key; refreshed at most once a second while a card shows. */
  z.object({ type: z.literal('distances'), metres: z.record(z.string(), z.number()) }),
  z.object({ type: z.literal('config'), config: PageConfigSchema }),
  z.object({ type: z.literal('openSettings') }),
  /** CAD audio as the server sent it; `sfx`: the game's SFX volume, 0 to 1 (NUI audio bypasses its mixer). */
  z.object({ type: z.literal('tone'), tone: ToneAlertSchema, sfx: unit }),
  z.object({ type: z.literal('pager'), page: PageAlertSchema, sfx: unit }),
  z.object({ type: z.literal('station'), station: StationAlertSchema, sfx: unit }),
]);

const ok = z.object({ ok: z.boolean(), error: z.optional(z.string()) });

/** Page → client: request body and answer of each callback. */
export const NuiCallbacks = {
  /** The page listens: the client answers with what it needs, then sends what it held. */
  ready: {
    request: z.object({}),
    answer: z.object({
      settings: PlayerSettingsSchema,
      config: PageConfigSchema,
      strings: z.record(z.string(), z.string()),
    }),
  },
  saveSettings: { request: z.object({ settings: PlayerSettingsSchema }), answer: ok },
  /** The settings panel closed: the client gives focus back to the game. */
  closeSettings: { request: z.object({}), answer: ok },
  /** CAD audio that did not play: the client says so in its console, one line each. */
  audioFailed: { request: z.object({ what: text, reason: text }), answer: ok },
} as const;

export type NuiCallbackName = keyof typeof NuiCallbacks;
export type NuiRequest<N extends NuiCallbackName> = z.infer<(typeof NuiCallbacks)[N]['request']>;
export type NuiAnswer<N extends NuiCallbackName> = z.infer<(typeof NuiCallbacks)[N]['answer']>;
export type NuiMessage = z.infer<typeof NuiMessageSchema>;
export type Card = z.infer<typeof CardSchema>;
export type Toast = z.infer<typeof ToastSchema>;
export type PageConfig = z.infer<typeof PageConfigSchema>;
export type ReadyAnswer = NuiAnswer<'ready'>;
/** The dictionary as the page reads it: every key the page uses. */
export type PageStrings = Record<NuiStringKey, string>;
