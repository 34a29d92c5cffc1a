/**
 * Server → client alert payloads. The server builds them from these types; the client checks every one
 * with these schemas before it calls a native. zod/mini keeps the client bundle small: the classic API
 * pulls every error locale into it.
 */
import * as z from 'zod/mini';
import { MAX_TEXT, NOTIFY_PROVIDERS } from './alert-text';

const text = z.string().check(z.maxLength(MAX_TEXT));

export const PositionSchema = z.object({ x: z.number(), y: z.number(), z: z.number() });

export const NotifyProviderSchema = z.enum(NOTIFY_PROVIDERS);

/** Every payload that shows text says where: the chat resource as well, and which provider. */
const noticeStyle = {
  /** Also post the alert to the chat resource. */
  chat: z.boolean(),
  notify: NotifyProviderSchema,
};

/** What the "nui" provider's cards need of the config (alerts.ui, alerts.panic.repeatSeconds). */
export const UiStyleSchema = z.object({
  maxCards: z.int().check(z.minimum(1), z.maximum(10)),
  /** Do-not-disturb silences panics too. */
  panicMutable: z.boolean(),
  /** A panic's card repeats its sound this often until acknowledged. */
  repeatSeconds: z.int().check(z.minimum(0), z.maximum(3600)),
});

/** How an alert looks and sounds; from config.json, per alert kind. */
export const AlertStyleSchema = z.object({
  /** Null: silent. */
  sound: z.nullable(z.object({ name: z.string(), set: z.string() })),
  blip: z.object({
    sprite: z.int(),
    colour: z.int(),
    scale: z.number(),
    flash: z.boolean(),
    route: z.boolean(),
    shortRange: z.boolean(),
  }),
  /** Counted from arrival: a player who becomes a recipient late gets what is left. */
  expireSeconds: z.number().check(z.positive()),
  ui: UiStyleSchema,
  ...noticeStyle,
});

/**
 * With `alerts.notify` "ps-dispatch", which sends an alert on to its own job list: true for the one
 * recipient whose client raises it there; the others show nothing of ours. A value that is not a boolean
 * reads as false rather than costing the alert (it matters to no other provider).
 */
const raiser = z.catch(z.boolean(), false);

/** Null when the unit is not in the cache: the client names it "Unit #<identId>". */
export const PanicUnitSchema = z.nullable(z.object({ name: text, unitNum: text, department: text }));

export const PanicAlertSchema = z.object({
  identId: z.int(),
  unit: PanicUnitSchema,
  /** Null when the unit is not an online player: the alert has no blip. */
  position: z.nullable(PositionSchema),
  look: AlertStyleSchema,
  raiser,
});

/** One event per refresh for all panics that moved: every recipient shows every active panic. */
export const PanicMovedSchema = z.object({
  moves: z.array(z.object({ identId: z.int(), position: PositionSchema })),
});

export const PanicClearedSchema = z.object({
  identId: z.int(),
  unit: PanicUnitSchema,
  /** False when only the blip goes (the player stopped being a recipient), not the panic. */
  notice: z.boolean(),
  ...noticeStyle,
});

export const EmergencyCallAlertSchema = z.object({
  callId: z.int(),
  /** "911" or the civil label, from the call's isEmergency. */
  label: text,
  emergency: z.boolean(),
  caller: text,
  location: text,
  description: text,
  postal: text,
  /** From the call's metadata, else the postal table; null: no blip. */
  position: z.nullable(PositionSchema),
  look: AlertStyleSchema,
  raiser,
});

export const EmergencyCallsRemovedSchema = z.object({ callIds: z.array(z.int()) });

/** To the one player whose unit was attached to a dispatch call. */
export const DispatchAssignedSchema = z.object({
  callId: z.int(),
  code: text,
  title: text,
  location: text,
  postal: text,
  description: text,
  /** The linked 911 caller, else the call's own coordinates, else its postal; null: no blip or route. */
  position: z.nullable(PositionSchema),
  /** `blip.route` sets the GPS waypoint; `expireSeconds` bounds a route whose call never closes. */
  look: AlertStyleSchema,
});

/** Short notices without a blip: detached from a call, calls closed, a note. */
export const DispatchDetachedSchema = z.object({ callId: z.int(), ...noticeStyle });

export const DispatchClosedSchema = z.object({ callIds: z.array(z.int()), ...noticeStyle });

export const DispatchNoteSchema = z.object({
  callId: z.int(),
  /** Who wrote it: the note's label (a unit number), may be empty. */
  author: text,
  note: text,
  ...noticeStyle,
});

/** `/cadalerts` without an argument: the player's card settings panel, and what it needs of the config. */
export const OpenSettingsSchema = z.object({ ui: UiStyleSchema });

export type Position = z.infer<typeof PositionSchema>;
export type NotifyProvider = z.infer<typeof NotifyProviderSchema>;
export type AlertStyle = z.infer<typeof AlertStyleSchema>;
export type UiStyle = z.infer<typeof UiStyleSchema>;
export type OpenSettings = z.infer<typeof OpenSettingsSchema>;
export type PanicUnit = z.infer<typeof PanicUnitSchema>;
export type PanicAlert = z.infer<typeof PanicAlertSchema>;
export type PanicMoved = z.infer<typeof PanicMovedSchema>;
export type PanicCleared = z.infer<typeof PanicClearedSchema>;
export type EmergencyCallAlert = z.infer<typeof EmergencyCallAlertSchema>;
export type EmergencyCallsRemoved = z.infer<typeof EmergencyCallsRemovedSchema>;
export type DispatchAssigned = z.infer<typeof DispatchAssignedSchema>;
export type DispatchDetached = z.infer<typeof DispatchDetachedSchema>;
export type DispatchClosed = z.infer<typeof DispatchClosedSchema>;
export type DispatchNote = z.infer<typeof DispatchNoteSchema>;
