/**
 * Pages and station alerts have specialist resources (Inferno's Pager Reborn and Station Alert). With
 * `enabled: "auto"` this resource leaves the event to one while it is started, and says so once; it
 * asks at each event, so starting or stopping it later needs no restart here.
 */
import type { Logger } from '../../log';
import type { Runtime } from '../../runtime';

const RUNNING = new Set(['started', 'starting']);

export type SpecialistSetting = 'auto' | boolean;

export interface Specialist {
  resource: string;
  /** What it takes, for the console line. */
  what: string;
  /** The setting that decides it. */
  key: string;
}

export const PAGER_REBORN: Specialist = {
  resource: 'inferno-pager-reborn',
  what: 'pages',
  key: 'alerts.pager.enabled',
};
export const STATION_ALERT: Specialist = {
  resource: 'inferno-station-alert',
  what: 'station alerts',
  key: 'alerts.stationAlerts.enabled',
};

/** Returns whether this resource shows the event now. */
export function specialistGate(
  runtime: Pick<Runtime, 'resourceState'>,
  log: Logger,
  { resource, what, key }: Specialist,
  setting: SpecialistSetting,
): () => boolean {
  let said = false;
  return () => {
    if (setting !== 'auto') return setting;
    if (!RUNNING.has(runtime.resourceState(resource))) return true;
    if (!said) {
      said = true;
      log.info(`${resource} is started: ${what} are left to it (${key}: true shows them here as well).`);
    }
    return false;
  };
}
