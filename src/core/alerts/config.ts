/** The `alerts` block of config.json: who gets panic and 911 alerts, and how they look and sound. */
import * as z from 'zod/mini';
import { setting } from '../config/setting';

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
  const sound = z.strictObject({
    enabled: setting(z.boolean(), true, 'Play a sound with the alert; false: silent.'),
    name: setting(z.string().check(z.minLength(1)), defaults.sound.name, 'PlaySoundFrontend sound name.'),
    set: setting(z.string().check(z.minLength(1)), defaults.sound.set, 'PlaySoundFrontend sound set.'),
  });
  const blip = z.strictObject({
    sprite: setting(z.int().check(z.minimum(0)), defaults.blip.sprite, 'Blip sprite id.'),
    colour: setting(z.int().check(z.minimum(0)), defaults.blip.colour, 'Blip and route colour id.'),
    scale: setting(z.number().check(z.minimum(0.1), z.maximum(5)), defaults.blip.scale, 'Blip size.'),
    flash: setting(z.boolean(), defaults.blip.flash, 'Flashing blip.'),
    route: setting(z.boolean(), defaults.blip.route, 'GPS route to the blip.'),
    shortRange: setting(z.boolean(), defaults.blip.shortRange, 'Show on the minimap only when near.'),
  });
  return {
    recipients: setting(
      z.array(z.enum(RECIPIENT_RULES)),
      ['onDuty', 'ace'],
      'Who gets it, any of: onDuty (mapped to a logged-in CAD unit), ace (holds `ace`), everyone.',
    ),
    ace: setting(
      z.string().check(z.minLength(1)),
      defaults.ace,
      'ACE that makes a player a recipient under the `ace` rule.',
    ),
    sound: z.prefault(sound, {}),
    blip: z.prefault(blip, {}),
    expireSeconds: setting(
      z.int().check(z.minimum(5), z.maximum(3600)),
      defaults.expireSeconds,
      'The alert (blip, route) goes away on its own after this long.',
    ),
  };
}

const PanicAlertsSchema = z.strictObject({
  ...alertKind({
    ace: 'sonorancad.alerts.panic',
    sound: { name: 'Beep_Red', set: 'DLC_HEIST_HACKING_SNAKE_SOUNDS' },
    blip: { sprite: 161, colour: 1, scale: 1.2, flash: true, route: true, shortRange: false },
    expireSeconds: 300,
  }),
  refreshSeconds: setting(
    z.int().check(z.minimum(1), z.maximum(60)),
    5,
    'How often the blip follows the panicking unit.',
  ),
});

const EmergencyCallAlertsSchema = z.strictObject({
  ...alertKind({
    ace: 'sonorancad.alerts.911',
    sound: { name: 'Event_Start_Text', set: 'GTAO_FM_Events_Soundset' },
    // The caller blip the legacy livemap plugin drew.
    blip: { sprite: 459, colour: 59, scale: 1, flash: false, route: false, shortRange: false },
    expireSeconds: 180,
  }),
  emergencyLabel: setting(
    z.string().check(z.minLength(1), z.maxLength(20)),
    '911',
    'Label of calls with isEmergency true.',
  ),
  civilLabel: setting(
    z.string().check(z.minLength(1), z.maxLength(20)),
    '311',
    'Label of calls with isEmergency false.',
  ),
});

export const AlertsSchema = z.strictObject({
  enabled: setting(z.boolean(), true, 'In-game alerts for panics and 911 calls (never on the relay).'),
  muteCommand: setting(
    z.string().check(z.regex(/^[A-Za-z][\w-]{0,31}$/)),
    'cadalerts',
    'Player command to mute and unmute alerts for themselves: /<name> off|on.',
  ),
  chat: setting(z.boolean(), false, 'Also post every alert to the chat resource.'),
  postalFile: setting(
    z.string(),
    '',
    'JSON file in the resource folder: postal → {x, y}, for 911 blips without coordinates.',
  ),
  panic: z.prefault(PanicAlertsSchema, {}),
  emergencyCall: z.prefault(EmergencyCallAlertsSchema, {}),
});

export type AlertsConfig = z.output<typeof AlertsSchema>;
export type AlertKindConfig = AlertsConfig['panic'] | AlertsConfig['emergencyCall'];
