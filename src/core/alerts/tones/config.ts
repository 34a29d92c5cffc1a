/**
 * The `alerts.tone`, `alerts.pager` and `alerts.stationAlerts` blocks: CAD tones, pager pages and station
 * alerts, who hears them, where their audio may come from, and whether a specialist resource takes them.
 */
import * as z from 'zod/mini';
import { described, setting } from '../../config/setting';

/** Sonoran's S3 host, and Discord's attachment hosts, which Sonoran's docs suggest for external tones. */
export const DEFAULT_AUDIO_HOSTS = ['s3.sonoransoftware.com', 'cdn.discordapp.com', 'media.discordapp.net'];

/** A host name, or `*.` and a domain for any host under it. */
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

const TONE_RULES = ['targets', 'ace'] as const;

/** `"auto"`: leave the event to the specialist resource while it is started. */
function specialist(resource: string, what: string) {
  return setting(
    z.union([z.literal('auto'), z.boolean()]),
    'auto',
    `"auto": ${what} here unless ${resource} is started (then it gets them); true: always here; false: never.`,
  );
}

const names = (meaning: string) => setting(z.array(z.string().check(z.minLength(1))), [], meaning);

const ToneSchema = z.strictObject({
  enabled: setting(z.boolean(), true, 'Play tones from the CAD tone board to the units they target.'),
  recipients: setting(
    z.array(z.enum(TONE_RULES)),
    ['targets'],
    "Who hears a tone, any of: targets (players of the units in the tone's playTonesTo), ace (holds `ace`, every tone).",
  ),
  ace: setting(
    z.string().check(z.minLength(1)),
    'sonorancad.alerts.tone',
    'ACE that makes a player hear every tone under the `ace` rule.',
  ),
  allowedHosts: setting(
    z.array(z.string().check(z.regex(HOST), z.toLowerCase())),
    DEFAULT_AUDIO_HOSTS,
    'Hosts audio may play from, over https only; `*.example.com` allows any host under it. Also for station tone URLs.',
  ),
  maxSeconds: setting(
    z.number().check(z.minimum(1), z.maximum(120)),
    15,
    'Each tone (and station audio) is cut after this long.',
  ),
});

const AddressSchema = z.strictObject({
  departments: names('Units of these departments get pages to the address.'),
  subdivisions: names('Units of these subdivisions get them.'),
  groups: names('Units in these unit groups get them.'),
  identIds: setting(z.array(z.int()), [], 'These units (identifier ids) get them.'),
});

const PagerSchema = z.strictObject({
  enabled: specialist('inferno-pager-reborn', 'pages are shown'),
  addresses: setting(
    z.record(z.string().check(z.minLength(1)), AddressSchema),
    {},
    "Pager address (matched case-insensitively) → the units it reaches. Units in a page's identIds get it anyway.",
  ),
});

const StationSchema = z.strictObject({
  x: described(z.number(), 'Station position in game coordinates, as a vector3 reads it.'),
  y: described(z.number(), 'Station position, y.'),
  z: described(z.number(), 'Station position, z (height).'),
  radius: setting(
    z.number().check(z.positive(), z.maximum(10_000)),
    50,
    'Players within this many metres of the point get its alerts.',
  ),
  departments: names("Units of these departments get the station's alerts wherever they are."),
});

const StationAlertsSchema = z.strictObject({
  enabled: specialist('inferno-station-alert', 'station alerts are shown'),
  stations: setting(
    z.record(z.string().check(z.minLength(1)), StationSchema),
    {},
    'Station name as the CAD sends it (matched case-insensitively) → where it is and who hears it.',
  ),
  maxMessageAudioKiB: setting(
    z.int().check(z.minimum(0), z.maximum(768)),
    384,
    'A message that is base64 audio up to this size is played after the tone; larger is dropped, said once. 0: never.',
  ),
});

export const CadAudioSchemas = {
  tone: z.prefault(ToneSchema, {}),
  pager: z.prefault(PagerSchema, {}),
  stationAlerts: z.prefault(StationAlertsSchema, {}),
};

export type ToneConfig = z.output<typeof ToneSchema>;
export type PagerConfig = z.output<typeof PagerSchema>;
export type StationAlertsConfig = z.output<typeof StationAlertsSchema>;
export type StationConfig = z.output<typeof StationSchema>;
export type AddressConfig = z.output<typeof AddressSchema>;
