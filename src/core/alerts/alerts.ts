/**
 * The alerts stage: turns understood pushes into net events for the players who should get them
 * (tones, pages and station alerts in tones/).
 * Runs after the reply, on the caches the push has already updated. The relay has no players, so there
 * it does nothing.
 */
import type { Position } from '../../shared/alert-payloads';
import { InboundEvents } from '../../shared/events';
import { ENGLISH, loadLocale, localeCode, type Translate, translator } from '../../shared/locale';
import { BoundedMap } from '../cache/bounded-map';
import type { CallCache } from '../cache/calls';
import type { UnitCache } from '../cache/units';
import { JobDirectory } from '../framework/jobs';
import { FrameworkWatch } from '../framework/watch';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';
import { errorMessage } from '../text';
import type { PushEvent } from '../validate/catalogue';
import type { AlertsConfig } from './config';
import { DispatchAlerts } from './dispatch';
import { EmergencyCallAlerts } from './emergency-call';
import { IdentityMap } from './identity';
import { MuteList } from './mute-list';
import { PanicAlerts } from './panic';
import { PositionRefresh } from './position-refresh';
import { loadPostals } from './postals';
import { compileRules, jobRulesOf } from './recipient-rules';
import { Recipients } from './recipients';
import { createCadAudio } from './tones/cad-audio';

export interface AlertsDeps {
  runtime: Runtime;
  config: AlertsConfig;
  units: UnitCache;
  calls: CallCache;
  log: Logger;
}

export interface Alerts {
  /** Never throws. */
  handle(event: PushEvent): void;
  /** The CAD unit a player is mapped to, if any. */
  unitOf(player: number): number | null;
  /** Who muted alerts for themselves; null when alerts are off (no mute command then). */
  mutes: MuteList | null;
  /** The players' texts, in the language the locale convars name at this generation's start. */
  t: Translate;
  stop(): void;
}

const DISABLED: Alerts = { handle() {}, unitOf: () => null, mutes: null, t: translator(ENGLISH), stop() {} };

/** Only when some rule reads framework jobs: otherwise no framework is looked for, and nothing is said. */
function watchFramework(deps: AlertsDeps, rules: ReturnType<typeof jobRulesOf>): JobDirectory | null {
  if (!rules.any) return null;
  const jobs = new JobDirectory();
  new FrameworkWatch({
    runtime: deps.runtime,
    choice: deps.config.framework,
    jobs,
    jobTypes: rules.types,
    dutyAsked: rules.dutyAsked,
    log: deps.log.child('framework'),
  });
  return jobs;
}

export function createAlerts(deps: AlertsDeps): Alerts {
  const { runtime, config, log } = deps;
  if (!config.enabled || runtime.kind === 'standalone') return DISABLED;

  // Read at each generation, so a changed locale convar applies at the next reload.
  const t = translator(loadLocale(localeCode(runtime.setting), runtime.readFile, (line) => log.warn(line)));
  const identity = new IdentityMap(runtime.players, deps.units);
  const mutes = new MuteList();
  // Recipients keeps the holders of each kind's ACE up to date; the tone's ACE rides as a kind whose
  // only rule is that ACE.
  const toneAce = config.tone.recipients.includes('ace')
    ? { ...config.panic, recipients: ['ace' as const], ace: config.tone.ace }
    : null;
  const kinds = [config.panic, config.emergencyCall];
  const jobs = watchFramework(deps, jobRulesOf(kinds.map((kind) => compileRules(kind.recipients))));
  const recipients = new Recipients(
    runtime.players,
    identity,
    mutes,
    runtime.timers,
    [...kinds, ...(toneAce ? [toneAce] : [])],
    jobs,
  );
  const panics = new PanicAlerts({ runtime, config, units: deps.units, identity, recipients });
  const postals = loadPostals((path) => runtime.readFile(path), config.postalFile, log);
  const callers = new BoundedMap<number, Position>(deps.calls.emergency.max);
  const calls = new EmergencyCallAlerts({
    runtime,
    config,
    recipients,
    postals,
    callers,
    dispatcherOnline: () => deps.units.hasDispatcher(),
  });
  const dispatch = new DispatchAlerts({
    runtime,
    config,
    calls: deps.calls,
    identity,
    mutes,
    postals,
    callers,
  });
  const audio = createCadAudio({
    runtime,
    config,
    units: deps.units,
    calls: deps.calls,
    identity,
    mutes,
    toneAceHolders: toneAce ? () => recipients.recipientsFor(toneAce) : null,
    t,
    log,
  });
  const refresh = new PositionRefresh(runtime.timers, config.panic.refreshSeconds * 1000, () =>
    panics.refresh(),
  );

  runtime.onPlayer(InboundEvents.PlayerJoining, (player) => {
    identity.addPlayer(player);
    recipients.join(player);
  });
  runtime.onPlayer(InboundEvents.PlayerDropped, (player) => {
    identity.removePlayer(player);
    jobs?.delete(player);
    mutes.forget(player);
    recipients.drop(player);
    panics.forget(player);
    calls.forget(player);
  });

  return {
    handle(event) {
      try {
        switch (event.type) {
          case 'EVENT_UNIT_PANIC':
            panics.handle(event);
            if (panics.size > 0) refresh.start();
            break;
          case 'EVENT_911':
            calls.show(event);
            break;
          case 'EVENT_REMOVE_911':
            calls.remove(event.callIds);
            break;
          case 'EVENT_DISPATCH_NEW':
          case 'EVENT_DISPATCH_EDIT':
          case 'EVENT_DISPATCH_CLOSED':
          case 'EVENT_DISPATCH_NOTE':
          case 'EVENT_DISPATCH_UNIT_ATTACH':
          case 'EVENT_DISPATCH_UNIT_DETACH':
            dispatch.handle(event);
            break;
          case 'EVENT_TONE':
          case 'EVENT_PAGER_REBORN':
          case 'EVENT_STATION_ALERT':
            audio.handle(event);
            break;
          case 'EVENT_UNIT_LOGIN':
          case 'EVENT_UNIT_LOGOUT':
          case 'EVENT_UNIT_STATUS':
          case 'EVENT_UNIT_UPDATE':
          case 'EVENT_UNIT_GROUP_ADD':
          case 'EVENT_UNIT_GROUP_REMOVE':
          case 'EVENT_UNIT_GROUP_CHANGE_NAME':
            identity.unitsChanged();
            audio.unitsChanged();
            break;
        }
      } catch (error) {
        log.error(`Alerting a ${event.type} failed: ${errorMessage(error)}`);
      }
    },
    unitOf: (player) => identity.unitOf(player),
    mutes,
    t,
    stop() {
      refresh.stop();
      recipients.stop();
    },
  };
}
