/**
 * The `alerts` block of config.json: who gets panic and 911 alerts, how they and dispatch assignments
 * look and sound, and where their text shows.
 */
import * as z from 'zod/mini';
import { NOTIFY_PROVIDERS } from '../../shared/alert-text';
import { described, setting } from '../config/setting';
import { FRAMEWORK_CHOICES } from '../framework/names';
import { CadAudioSchemas } from './tones/config';

const RECIPIENT_WORDS = ['onDuty', 'ace', 'everyone'] as const;

/** A rule's names: at least one, none empty; matched ignoring case. */
const names = () => z.array(z.string().check(z.minLength(1))).check(z.minLength(1));

/** `false`: on and off duty alike. Named apart from `onDuty`, which means a CAD unit. */
const duty = () => z._default(z.boolean(), true);

/** Rules a rule list may hold: a word, or one object naming CAD unit field values or framework jobs. */
const RecipientRuleSchema = z.union([
  z.enum(RECIPIENT_WORDS),
  z.strictObject({ department: names() }),
  z.strictObject({ subdivision: names() }),
  z.strictObject({ group: names() }),
  z.strictObject({ job: names(), duty: duty() }),
  z.strictObject({ jobType: names(), duty: duty() }),
]);

export type RecipientRule = z.output<typeof RecipientRuleSchema>;

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
    route: setting(z.boolean(), defaults.blip.route, route),
    shortRange: setting(z.boolean(), defaults.blip.shortRange, 'Show on the minimap only when near.'),
  });
  return { sound: z.prefault(sound, {}), blip: z.prefault(blip, {}) };
}

/** The settings panic and 911 alerts share, each with its own defaults. */
function alertKind(defaults: KindDefaults) {
  return {
    recipients: setting(
      z.array(RecipientRuleSchema),
      ['onDuty', 'ace'],
      "Who gets it, a player matching any entry: onDuty (mapped to a logged-in CAD unit), ace (holds `ace`), everyone, or an object: the CAD unit's department, subdivision or group is one of those listed (any case), or the framework job's name or type is, on duty unless duty is false. See docs/alerts.md.",
    ),
    ace: setting(
      z.string().check(z.minLength(1)),
      defaults.ace,
      'ACE that makes a player a recipient under the `ace` rule.',
    ),
    ...styleSettings(defaults, 'GPS route to the blip.'),
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
  repeatSeconds: setting(
    z.int().check(z.minimum(0), z.maximum(600)),
    10,
    'With the "nui" cards: the panic sound repeats this often until the player acknowledges it or the CAD clears it; 0: once.',
  ),
});

/** Our own cards (`notify` "nui", or "auto"). */
const UiSchema = z.strictObject({
  maxCards: setting(
    z.int().check(z.minimum(1), z.maximum(10)),
    4,
    'Cards shown at once, newest on top; the rest as "+N more".',
  ),
  panicMutable: setting(
    z.boolean(),
    false,
    "A player's do-not-disturb (and mute) silences panics too; false: a panic always shows and sounds.",
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
  quietWhileDispatcherOnline: setting(
    z.boolean(),
    false,
    'While a CAD dispatcher is logged in, the rules that pick CAD units (onDuty, department, subdivision, group) give no 911 alerts (the dispatcher assigns units); the others still do.',
  ),
});

const DispatchAlertsSchema = z.strictObject({
  enabled: setting(
    z.boolean(),
    true,
    "Tell a unit's player when it is attached to a call, detached, or the call closes; pass on notes.",
  ),
  ...styleSettings(
    {
      sound: { name: 'Menu_Accept', set: 'Phone_SoundSet_Default' },
      blip: { sprite: 1, colour: 5, scale: 1, flash: false, route: true, shortRange: false },
    },
    'Set the GPS waypoint to the most recent call.',
  ),
  chat: described(z.optional(z.boolean()), 'Also post to the chat resource; unset: as alerts.chat.'),
  expireSeconds: setting(
    z.int().check(z.minimum(60), z.maximum(86_400)),
    3600,
    'Blip and route go on their own after this long, should the close never arrive.',
  ),
});

export const AlertsSchema = z.strictObject({
  enabled: setting(
    z.boolean(),
    true,
    'In-game alerts for panics, 911 calls, dispatch assignments, tones, pages and station alerts (never on the relay).',
  ),
  muteCommand: setting(
    z.string().check(z.regex(/^[A-Za-z][\w-]{0,31}$/)),
    'cadalerts',
    'Player command to mute and unmute alerts for themselves: /<name> off|on.',
  ),
  framework: setting(
    z.enum(FRAMEWORK_CHOICES),
    'auto',
    'Where job and jobType rules read jobs: auto (the first started of qbx_core, qb-core, es_extended, ox_core), one of them, or none.',
  ),
  chat: setting(z.boolean(), false, 'Also post every alert to the chat resource.'),
  notify: setting(
    z.enum(NOTIFY_PROVIDERS),
    'auto',
    'Where alert text shows: auto (the same as nui), nui (our own cards), feed, ox_lib, chat, ps-dispatch or event.',
  ),
  ui: z.prefault(UiSchema, {}),
  postalFile: setting(
    z.string(),
    '',
    'JSON file in the resource folder: postal → {x, y}, for 911 blips without coordinates.',
  ),
  panic: z.prefault(PanicAlertsSchema, {}),
  emergencyCall: z.prefault(EmergencyCallAlertsSchema, {}),
  dispatch: z.prefault(DispatchAlertsSchema, {}),
  ...CadAudioSchemas,
});

export type AlertsConfig = z.output<typeof AlertsSchema>;
export type AlertKindConfig = AlertsConfig['panic'] | AlertsConfig['emergencyCall'];
/** What a style is made of; only dispatch has a chat setting of its own. */
export type StyleConfig = Pick<AlertsConfig['dispatch'], 'sound' | 'blip'> & { chat?: boolean | undefined };
