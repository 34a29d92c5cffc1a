/**
 * Each player's card settings, kept in the client's resource KVP and edited in the page's settings panel.
 * Every field falls back to its default on its own, so a value saved by an older release never costs the
 * others.
 */
import * as z from 'zod/mini';

export const CORNERS = ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const;

/** What a player can silence: each card kind, the short notices, CAD tones (station audio too) and pages. */
export const MUTABLE = ['panic', 'emergencyCall', 'dispatch', 'notice', 'tone', 'page'] as const;
export type Mutable = (typeof MUTABLE)[number];

export const SCALE = { min: 0.6, max: 1.6 } as const;

const mute = z.object({
  panic: z.catch(z.boolean(), false),
  emergencyCall: z.catch(z.boolean(), false),
  dispatch: z.catch(z.boolean(), false),
  notice: z.catch(z.boolean(), false),
  tone: z.catch(z.boolean(), false),
  page: z.catch(z.boolean(), false),
});

export const PlayerSettingsSchema = z.object({
  corner: z.catch(z.enum(CORNERS), 'top-right'),
  scale: z.catch(z.number().check(z.minimum(SCALE.min), z.maximum(SCALE.max)), 1),
  /** 0 to 1, of the page's own sounds. */
  volume: z.catch(z.number().check(z.minimum(0), z.maximum(1)), 0.6),
  mute: z.catch(mute, {
    panic: false,
    emergencyCall: false,
    dispatch: false,
    notice: false,
    tone: false,
    page: false,
  }),
  /** No cards or sounds; a panic still shows unless the server lets it be muted too. */
  doNotDisturb: z.catch(z.boolean(), false),
});

export type PlayerSettings = z.infer<typeof PlayerSettingsSchema>;

export const DEFAULT_SETTINGS: PlayerSettings = PlayerSettingsSchema.parse({});
