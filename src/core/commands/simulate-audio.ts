/**
 * `sonorancad simulate tone|page|station`: a tone-board tone, a pager page or a station alert, as the CAD
 * would push it, through the same path as a real one.
 */
import type { CommandContext } from './router';

export const AUDIO_USAGE =
  'simulate tone <url> [all|call:<id>|agency:<name>|department:<name>|subdivision:<name>|unit:<id>|group:<name>…] | ' +
  'simulate page <identId> <text> | simulate station <name> <message>';

/** playTonesTo types by the words an operator types; `<type>:<value>` works as well. */
const TARGET_TYPES: Record<string, number> = {
  all: 0,
  call: 1,
  agency: 2,
  department: 3,
  subdivision: 4,
  unit: 5,
  group: 6,
};
const ID = /^\d{1,15}$/;

type Inject = (body: Record<string, unknown>) => void;
type Run = (context: CommandContext, args: string[]) => void;

function parseTarget(raw: string): { type: number; value: string | number; label?: string } | null {
  // No label: players read the locale's name for every unit.
  if (raw.toLowerCase() === 'all') return { type: 0, value: '' };
  const colon = raw.indexOf(':');
  if (colon <= 0 || colon === raw.length - 1) return null;
  const word = raw.slice(0, colon).toLowerCase();
  const value = raw.slice(colon + 1);
  const type = TARGET_TYPES[word] ?? (ID.test(word) ? Number(word) : undefined);
  if (type === undefined) return null;
  return { type, value: (type === 1 || type === 5) && ID.test(value) ? Number(value) : value, label: value };
}

/** The longest run of words from the start that names a configured station; else the first word. */
function splitStation(args: string[], stations: readonly string[]): [string, string[]] {
  const known = new Set(stations.map((name) => name.trim().toLowerCase()));
  for (let words = args.length; words > 1; words--) {
    const name = args.slice(0, words).join(' ');
    if (known.has(name.toLowerCase())) return [name, args.slice(words)];
  }
  return [args[0] ?? '', args.slice(1)];
}

export function simulateAudio(
  inject: Inject,
  stations: readonly string[],
): Record<'tone' | 'page' | 'station', Run> {
  const tone: Run = (context, [url, ...rawTargets]) => {
    if (!url) return context.reply(`Give the tone's URL. Usage: ${AUDIO_USAGE}`);
    const targets = rawTargets.length ? rawTargets.map(parseTarget) : [parseTarget('all')];
    const bad = rawTargets.find((_, i) => targets[i] === null);
    if (bad !== undefined) return context.reply(`"${bad}" is not a tone target. Usage: ${AUDIO_USAGE}`);
    inject({ type: 'EVENT_TONE', data: { url, playTonesTo: targets } });
    context.reply(`Simulated a tone to ${rawTargets.length ? rawTargets.join(', ') : 'all units'}.`);
  };

  const page: Run = (context, [rawIdent, ...words]) => {
    if (rawIdent === undefined || !ID.test(rawIdent))
      return context.reply(`Give the unit's identifier id. Usage: ${AUDIO_USAGE}`);
    const body = words.join(' ') || 'A simulated page from "sonorancad simulate page".';
    inject({
      type: 'EVENT_PAGER_REBORN',
      data: { identIds: [Number(rawIdent)], addresses: [], nature: 'Emergency', body },
    });
    context.reply(`Simulated an emergency page to unit ${rawIdent}.`);
  };

  const station: Run = (context, args) => {
    const [name, words] = splitStation(args, stations);
    if (!name) return context.reply(`Give the station's name. Usage: ${AUDIO_USAGE}`);
    const message = words.join(' ') || 'A simulated station alert from "sonorancad simulate station".';
    inject({
      type: 'EVENT_STATION_ALERT',
      data: { locations: [{ name, open: [], close: [] }], message, colors: ['red'], tone: '' },
    });
    const known = stations.some((configured) => configured.toLowerCase() === name.toLowerCase());
    context.reply(
      known
        ? `Simulated a station alert at ${name}.`
        : `Simulated a station alert at "${name}", which is not in alerts.stationAlerts.stations: nobody hears it.`,
    );
  };

  return { tone, page, station };
}
