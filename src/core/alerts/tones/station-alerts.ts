/**
 * Station alerts (`EVENT_STATION_ALERT`): the players within a named station's radius, and the players
 * of units of its departments, get the card and the tone (the doors go out as a local event, publish/). Nobody else gets a net event. The radius is the one rule that
 * reads every online player (their position), once per alert.
 */
import type { Position } from '../../../shared/alert-payloads';
import { clipText } from '../../../shared/alert-text';
import { checkAudioUrl } from '../../../shared/audio-url';
import type { StationAlert, StationTone } from '../../../shared/cad-audio-payloads';
import { STATION_COLOUR } from '../../../shared/cad-audio-rules';
import { NetEvents } from '../../../shared/events';
import type { Logger } from '../../log';
import type { Runtime } from '../../runtime';
import { normalName } from '../../text';
import type { PushEventOf } from '../../validate/catalogue';
import { type Audience, sorted } from './audience';
import type { StationAlertsConfig, StationConfig, ToneConfig } from './config';
import { readMessage } from './message-audio';
import type { UnitIndex } from './unit-index';

const TONE_NAME = /^[\w -]{1,40}$/;
const MAX_REPORTED = 100;

export interface StationAlertsDeps {
  runtime: Pick<Runtime, 'emitNet' | 'players'>;
  config: StationAlertsConfig;
  tone: ToneConfig;
  index: UnitIndex;
  audience: Audience;
  log: Logger;
  active: () => boolean;
}

interface Station extends StationConfig {
  name: string;
}

function within(a: Position, b: Position, radius: number): boolean {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  const dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz <= radius * radius;
}

export class StationAlerts {
  private readonly stations = new Map<string, Station>();
  private readonly reported = new Set<string>();

  constructor(private readonly deps: StationAlertsDeps) {
    for (const [name, station] of Object.entries(deps.config.stations))
      this.stations.set(normalName(name), { ...station, name });
  }

  handle(event: PushEventOf<'EVENT_STATION_ALERT'>): void {
    if (!this.deps.active()) return;
    const byPlayer = new Map<number, string[]>();
    for (const location of event.locations) {
      const station = this.stations.get(normalName(location.name));
      if (!station) {
        this.once(
          `station ${normalName(location.name)}`,
          `Station "${clipText(location.name)}" is not in alerts.stationAlerts.stations: its alert reaches nobody.`,
        );
        continue;
      }
      for (const player of this.playersOf(station)) {
        const names = byPlayer.get(player) ?? [];
        if (!names.includes(station.name)) names.push(station.name);
        byPlayer.set(player, names);
      }
    }
    if (byPlayer.size === 0) return;
    const common = this.common(event);
    for (const player of sorted(byPlayer.keys())) {
      const stations = (byPlayer.get(player) as string[]).map(clipText);
      this.deps.runtime.emitNet(NetEvents.StationAlert, player, { ...common, stations });
    }
  }

  private playersOf(station: Station): Set<number> {
    const { audience, index, runtime } = this.deps;
    const players = new Set<number>();
    for (const name of station.departments) audience.addUnits(index.find('department', name), players);
    for (const player of runtime.players.list()) {
      if (players.has(player) || audience.isMuted(player)) continue;
      const position = runtime.players.position(player);
      if (position && within(position, station, station.radius)) players.add(player);
    }
    return players;
  }

  /** Everything but the stations, the same for every player. */
  private common(event: PushEventOf<'EVENT_STATION_ALERT'>): Omit<StationAlert, 'stations'> {
    const { config, tone } = this.deps;
    const message = readMessage(event.message, config.maxMessageAudioKiB * 1024);
    if (message.kind === 'too large') {
      this.once(
        'message size',
        `A station alert's audio message (${Math.ceil(message.bytes / 1024)} KiB) is over alerts.stationAlerts.maxMessageAudioKiB: not played.`,
      );
    }
    return {
      message: message.kind === 'text' ? clipText(event.message.trim()) : '',
      messageAudio: message.kind === 'audio' ? message.dataUrl : null,
      colors: event.colors
        .filter((colour) => STATION_COLOUR.test(colour.trim()))
        .map((colour) => colour.trim()),
      tone: this.toneOf(event.tone),
      allowedHosts: tone.allowedHosts,
      maxSeconds: tone.maxSeconds,
    };
  }

  /** A URL (checked against the allow-list) or the name of a bundled tone; null: the default tone. */
  private toneOf(raw: string | undefined): StationTone | null {
    const value = raw?.trim() ?? '';
    if (value === '') return null;
    if (value.includes('://')) {
      const verdict = checkAudioUrl(value, this.deps.tone.allowedHosts);
      if (verdict.ok) return { url: verdict.url, refused: null };
      this.once(`url ${verdict.reason}`, `A station tone was refused (${verdict.reason}): players see why.`);
      return { url: clipText(value), refused: verdict.reason };
    }
    return TONE_NAME.test(value) ? { name: value.toLowerCase() } : null;
  }

  private once(key: string, line: string): void {
    if (this.reported.has(key) || this.reported.size >= MAX_REPORTED) return;
    this.reported.add(key);
    this.deps.log.warn(line);
  }
}
