/**
 * The `alerts` block of config.json: who gets panic and 911 alerts, how they and dispatch assignments
 * look and sound, and where their text shows.
 */
import { z } from 'zod';
import { NOTIFY_PROVIDERS } from '../../shared/alert-payloads';

const RECIPIENT_RULES = ['onDuty', 'ace', 'everyone'] as const;

interface StyleDefaults {
  sound: { name: string; set: string };
  blip: {
    sprite: number;
    colour: number;
    scale: number;
    flash: boolean;
    route: boolean;
    shortRange: boolean;
  };
}

interface KindDefaults extends StyleDefaults {
  ace: string;
  expireSeconds: number;
}

/** Sound and blip, which every kind of alert has, each with its own defaults. */
function styleSettings(defaults: StyleDefaults, route: string) {
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
      route: z.boolean().default(defaults.blip.route).describe(route),
      shortRange: z
        .boolean()
        .default(defaults.blip.shortRange)
        .describe('Show on the minimap only when near.'),
    })
    .strict();
  return { sound: sound.default(sound.parse({})), blip: blip.default(blip.parse({})) };
}

/** The settings panic and 911 alerts share, each with its own defaults. */
function alertKind(defaults: KindDefaults) {
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
    ...styleSettings(defaults, 'GPS route to the blip.'),
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
    quietWhileDispatcherOnline: z
      .boolean()
      .default(false)
      .describe(
        'While a CAD dispatcher is logged in, the onDuty rule gives no 911 alerts (the dispatcher assigns units); ace and everyone still do.',
      ),
  })
  .strict();

const DispatchAlertsSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Tell a unit's player when it is attached to a call, detached, or the call closes; pass on notes.",
      ),
    ...styleSettings(
      {
        sound: { name: 'Menu_Accept', set: 'Phone_SoundSet_Default' },
        blip: { sprite: 1, colour: 5, scale: 1, flash: false, route: true, shortRange: false },
      },
      'Set the GPS waypoint to the most recent call.',
    ),
    chat: z.boolean().optional().describe('Also post to the chat resource; unset: as alerts.chat.'),
    expireSeconds: z
      .number()
      .int()
      .min(60)
      .max(86_400)
      .default(3600)
      .describe('Blip and route go on their own after this long, should the close never arrive.'),
  })
  .strict();

export const AlertsSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('In-game alerts for panics, 911 calls and dispatch assignments (never on the relay).'),
    muteCommand: z
      .string()
      .regex(/^[A-Za-z][\w-]{0,31}$/)
      .default('cadalerts')
      .describe('Player command to mute and unmute alerts for themselves: /<name> off|on.'),
    chat: z.boolean().default(false).describe('Also post every alert to the chat resource.'),
    notify: z
      .enum(NOTIFY_PROVIDERS)
      .default('auto')
      .describe(
        'Where alert text shows: auto (ox_lib when started, else the GTA feed), feed, ox_lib, chat, ps-dispatch or event.',
      ),
    postalFile: z
      .string()
      .default('')
      .describe('JSON file in the resource folder: postal → {x, y}, for 911 blips without coordinates.'),
    panic: PanicAlertsSchema.default(PanicAlertsSchema.parse({})),
    emergencyCall: EmergencyCallAlertsSchema.default(EmergencyCallAlertsSchema.parse({})),
    dispatch: DispatchAlertsSchema.default(DispatchAlertsSchema.parse({})),
  })
  .strict();

export type AlertsConfig = z.infer<typeof AlertsSchema>;
export type AlertKindConfig = AlertsConfig['panic'] | AlertsConfig['emergencyCall'];
/** What a style is made of; only dispatch has a chat setting of its own. */
export type StyleConfig = Pick<AlertsConfig['dispatch'], 'sound' | 'blip'> & { chat?: boolean | undefined };
