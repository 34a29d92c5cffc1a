/**
 * Pager pages (`EVENT_PAGER_REBORN`): to the players of the units the page lists in `identIds`, and of
 * the units `alerts.pager.addresses` maps each of its addresses to. Nobody else gets a net event.
 */
import { clipText } from '../../../shared/alert-text';
import type { PageAlert, PageNature } from '../../../shared/cad-audio-payloads';
import { NetEvents } from '../../../shared/events';
import type { Logger } from '../../log';
import type { Runtime } from '../../runtime';
import { normalName } from '../../text';
import type { PushEventOf } from '../../validate/catalogue';
import { type Audience, sorted } from './audience';
import type { AddressConfig, PagerConfig } from './config';
import type { UnitIndex } from './unit-index';

/** Inferno's own limit on addresses per page. */
const MAX_ADDRESSES = 25;
/** Unknown addresses said once each, up to this many (a CAD could send endless new ones). */
const MAX_REPORTED = 100;

const NATURES: Record<string, PageNature> = {
  emergency: 'Emergency',
  nonemergency: 'NonEmergency',
  administrative: 'Administrative',
};

/** As the CAD spells it, also `Non-Emergency`; anything else is a routine page. */
function natureOf(raw: string | undefined): PageNature {
  return NATURES[(raw ?? '').replace(/[\s_-]/g, '').toLowerCase()] ?? 'NonEmergency';
}

export interface PagerAlertsDeps {
  runtime: Pick<Runtime, 'emitNet'>;
  config: PagerConfig;
  index: UnitIndex;
  audience: Audience;
  log: Logger;
  /** Whether this resource shows pages now (a specialist may take them). */
  active: () => boolean;
}

export class PagerAlerts {
  /** Address → who it reaches; config keys that differ only in case are one address. */
  private readonly addresses = new Map<string, AddressConfig[]>();
  private readonly reported = new Set<string>();

  constructor(private readonly deps: PagerAlertsDeps) {
    for (const [address, reach] of Object.entries(deps.config.addresses)) {
      const key = normalName(address);
      this.addresses.set(key, [...(this.addresses.get(key) ?? []), reach]);
    }
  }

  handle(event: PushEventOf<'EVENT_PAGER_REBORN'>): void {
    if (!this.deps.active()) return;
    const { audience, index } = this.deps;
    const players = new Set<number>();
    audience.addUnits(event.identIds, players);
    for (const address of event.addresses) {
      const reaches = this.addresses.get(normalName(address));
      if (!reaches) {
        this.unknown(address);
        continue;
      }
      for (const reach of reaches) {
        audience.addUnits(reach.identIds, players);
        for (const name of reach.departments) audience.addUnits(index.find('department', name), players);
        for (const name of reach.subdivisions) audience.addUnits(index.find('subdivision', name), players);
        for (const name of reach.groups) audience.addUnits(index.find('group', name), players);
      }
    }
    if (players.size === 0) return;
    const payload: PageAlert = {
      nature: natureOf(event.nature),
      body: clipText(event.body),
      addresses: event.addresses.slice(0, MAX_ADDRESSES).map(clipText),
    };
    for (const player of sorted(players)) this.deps.runtime.emitNet(NetEvents.Page, player, payload);
  }

  private unknown(address: string): void {
    const key = normalName(address);
    if (this.reported.has(key) || this.reported.size >= MAX_REPORTED) return;
    this.reported.add(key);
    this.deps.log.info(
      `Page address "${clipText(address)}" is not in alerts.pager.addresses: it reaches nobody by address.`,
    );
  }
}
