/** The `alerts` block of config.json: who gets panic and 911 alerts, and how they look and sound. */
import { z } from 'zod';

const RECIPIENT_RULES = ['onDuty', 'ace', 'everyone'] as const;

interface KindDefaults {
  ace: string;
  sound: { name: string; set: string };
  blip: {
    sprite: number;
    colour: number;
    scale: number;
    flash: boolean;
    route: boolean;
    shortRange: boolean;
  };
  expireSeconds: number;
}

/** The settings panic and 911 alerts share, each with its own defaults. */
function alertKind(defaults: KindDefaults) {
  const sound = z
    .object({
      enabled: z.boolean().default(true).describe('Play a sound with the alert; false: silent.'),
      name: z.string().min(1).default(defaults.sound.name).describe('PlaySoundFrontend sound name.'),
      set: z.string().min(1).default(defaults.sound.set).describe('PlaySoundFrontend sound set.'),
    })
    .strict();
  const blip = z
    .object({
      sprite: z.number().int().min(0).default(defaults.blip.sprite).describe('Blip sprite id.'),
      colour: z.number().int().min(0).default(defaults.blip.colour).describe('Blip and route colour id.'),
      scale: z.number().min(0.1).max(5).default(defaults.blip.scale).describe('Blip size.'),
      flash: z.boolean().default(defaults.blip.flash).describe('Flashing blip.'),
      route: z.boolean().default(defaults.blip.route).describe('GPS route to the blip.'),
      shortRange: z
        .boolean()
        .default(defaults.blip.shortRange)
        .describe('Show on the minimap only when near.'),
    })
    .strict();
  return z.object({
    recipients: z
      .array(z.enum(RECIPIENT_RULES))
      .default(['onDuty', 'ace'])
      .describe('Who gets it, any of: onDuty (mapped to a logged-in CAD unit), ace (holds `ace`), everyone.'),
    ace: z
      .string()
      .min(1)
      .default(defaults.ace)
      .describe('ACE that makes a player a recipient under the `ace` rule.'),
    sound: sound.default(sound.parse({})),
    blip: blip.default(blip.parse({})),
    expireSeconds: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(defaults.expireSeconds)
      .describe('The alert (blip, route) goes away on its own after this long.'),
  });
}

const PanicAlertsSchema = alertKind({
  ace: 'sonorancad.alerts.panic',
  sound: { name: 'Beep_Red', set: 'DLC_HEIST_HACKING_SNAKE_SOUNDS' },
  blip: { sprite: 161, colour: 1, scale: 1.2, flash: true, route: true, shortRange: false },
  expireSeconds: 300,
})
  .extend({
    refreshSeconds: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(5)
      .describe('How often the blip follows the panicking unit.'),
  })
  .strict();

const EmergencyCallAlertsSchema = alertKind({
  ace: 'sonorancad.alerts.911',
  sound: { name: 'Event_Start_Text', set: 'GTAO_FM_Events_Soundset' },
  // The caller blip the legacy livemap plugin drew.
  blip: { sprite: 459, colour: 59, scale: 1, flash: false, route: false, shortRange: false },
  expireSeconds: 180,
})
  .extend({
    emergencyLabel: z
      .string()
      .min(1)
      .max(20)
      .default('911')
      .describe('Label of calls with isEmergency true.'),
    civilLabel: z.string().min(1).max(20).default('311').describe('Label of calls with isEmergency false.'),
  })
  .strict();

export const AlertsSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('In-game alerts for panics and 911 calls (never on the relay).'),
    muteCommand: z
      .string()
      .regex(/^[A-Za-z][\w-]{0,31}$/)
      .default('cadalerts')
      .describe('Player command to mute and unmute alerts for themselves: /<name> off|on.'),
    chat: z.boolean().default(false).describe('Also post every alert to the chat resource.'),
    postalFile: z
      .string()
      .default('')
      .describe('JSON file in the resource folder: postal → {x, y}, for 911 blips without coordinates.'),
    panic: PanicAlertsSchema.default(PanicAlertsSchema.parse({})),
    emergencyCall: EmergencyCallAlertsSchema.default(EmergencyCallAlertsSchema.parse({})),
  })
  .strict();

export type AlertsConfig = z.infer<typeof AlertsSchema>;
export type AlertKindConfig = AlertsConfig['panic'] | AlertsConfig['emergencyCall'];
