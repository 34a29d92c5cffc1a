/**
 * Tones, pager pages and station alerts: the CAD events that are heard. One index of the logged-in
 * units serves all three; it goes stale with every unit push and is rebuilt on the next look.
 */
import type { Translate } from '../../../shared/locale';
import type { CallCache } from '../../cache/calls';
import type { UnitCache } from '../../cache/units';
import type { Logger } from '../../log';
import type { Runtime } from '../../runtime';
import type { PushEventOf } from '../../validate/catalogue';
import type { AlertsConfig } from '../config';
import type { IdentityMap } from '../identity';
import type { MuteList } from '../mute-list';
import { Audience } from './audience';
import { PagerAlerts } from './pager-alerts';
import { PAGER_REBORN, STATION_ALERT, specialistGate } from './specialist';
import { StationAlerts } from './station-alerts';
import { ToneAlerts } from './tone-alerts';
import { UnitIndex } from './unit-index';

export type CadAudioPush = PushEventOf<'EVENT_TONE' | 'EVENT_PAGER_REBORN' | 'EVENT_STATION_ALERT'>;

export interface CadAudioDeps {
  runtime: Runtime;
  config: AlertsConfig;
  units: UnitCache;
  calls: CallCache;
  identity: IdentityMap;
  mutes: MuteList;
  /** Online, unmuted holders of `alerts.tone.ace`, kept up to date; null when the ACE rule is off. */
  toneAceHolders: (() => ReadonlySet<number>) | null;
  t: Translate;
  log: Logger;
}

export interface CadAudio {
  handle(event: CadAudioPush): void;
  /** A unit logged in, out, or changed (status, update, group). */
  unitsChanged(): void;
}

export function createCadAudio(deps: CadAudioDeps): CadAudio {
  const { runtime, config, log } = deps;
  const index = new UnitIndex(deps.units);
  const audience = new Audience(deps.identity, deps.mutes);
  const tones = new ToneAlerts({
    runtime,
    config: config.tone,
    sources: { index, units: deps.units, calls: deps.calls },
    audience,
    aceHolders: deps.toneAceHolders,
    t: deps.t,
    log,
  });
  const shared = { runtime, index, audience, log };
  const pager = new PagerAlerts({
    ...shared,
    config: config.pager,
    active: specialistGate(runtime, log, PAGER_REBORN, config.pager.enabled),
  });
  const stations = new StationAlerts({
    ...shared,
    config: config.stationAlerts,
    tone: config.tone,
    active: specialistGate(runtime, log, STATION_ALERT, config.stationAlerts.enabled),
  });
  return {
    handle(event) {
      if (event.type === 'EVENT_TONE') tones.handle(event);
      else if (event.type === 'EVENT_PAGER_REBORN') pager.handle(event);
      else stations.handle(event);
    },
    unitsChanged: () => index.changed(),
  };
}
