/**
 * Alerts on screen, by id: each owns at most one blip, one feed item and one card, and goes when it
 * expires. Every one with a position is also a place /cadroute can route to.
 */
import type { AlertStyle, Position } from '../shared/alert-payloads';
import { createBlip, moveBlip, removeBlip } from './blip';
import { removeFromFeed } from './notify/feed';
import { removeCard } from './nui/cards';
import { releaseRoute } from './waypoint';

export interface RouteTarget {
  key: string;
  /** The clean blip name. */
  name: string;
  callId: number | null;
  position: Position;
  /** Higher is newer. */
  arrival: number;
}

export interface ShowOptions {
  feedItem: number | null;
  at: Position | null;
  look: AlertStyle;
  name: string;
  callId: number | null;
  /** False when the notification provider drew its own. */
  blip: boolean;
}

interface Shown {
  blip: number | null;
  drawBlip: boolean;
  feedItem: number | null;
  look: AlertStyle['blip'];
  name: string;
  callId: number | null;
  at: Position | null;
  arrival: number;
  expiry: CitizenTimer;
}

const everyKind: ActiveAlerts[] = [];
let arrivals = 0;

/** Every active alert with a position, newest first. */
export function routeTargets(): RouteTarget[] {
  return everyKind.flatMap((kind) => kind.targets()).sort((a, b) => b.arrival - a.arrival);
}

export class ActiveAlerts {
  private readonly shown = new Map<number, Shown>();

  /** `onRemoved` hears of every removal but a replacement; `routed`: the waypoint went with it. */
  constructor(
    private readonly kind: string,
    private readonly onRemoved: (id: number, routed: boolean) => void = () => {},
  ) {
    everyKind.push(this);
  }

  key(id: number): string {
    return `${this.kind}:${id}`;
  }

  /** Replaces what `id` showed before; its card was updated in place. */
  show(id: number, options: ShowOptions): void {
    this.drop(id, true);
    const { at, look, name } = options;
    this.shown.set(id, {
      blip: at && options.blip ? createBlip(at, look.blip, name) : null,
      drawBlip: options.blip,
      feedItem: options.feedItem,
      look: look.blip,
      name,
      callId: options.callId,
      at,
      arrival: ++arrivals,
      expiry: setTimeout(() => this.remove(id), look.expireSeconds * 1000),
    });
  }

  has(id: number): boolean {
    return this.shown.has(id);
  }

  /** The first position of an alert that had none makes its blip. */
  move(id: number, at: Position): void {
    const shown = this.shown.get(id);
    if (!shown) return;
    shown.at = at;
    if (!shown.drawBlip) return;
    if (shown.blip === null) shown.blip = createBlip(at, shown.look, shown.name);
    else moveBlip(shown.blip, at);
  }

  /** `cleared`: its card says so for a moment before it goes. */
  remove(id: number, cleared = false): boolean {
    if (!this.shown.has(id)) return false;
    this.onRemoved(id, this.drop(id, false, cleared));
    return true;
  }

  targets(): RouteTarget[] {
    const targets: RouteTarget[] = [];
    for (const [id, shown] of this.shown) {
      if (!shown.at) continue;
      const { name, callId, at: position, arrival } = shown;
      targets.push({ key: this.key(id), name, callId, position, arrival });
    }
    return targets;
  }

  /** True when the waypoint went with it. */
  private drop(id: number, replaced = false, cleared = false): boolean {
    const shown = this.shown.get(id);
    if (!shown) return false;
    this.shown.delete(id);
    if (!replaced) removeCard(this.key(id), cleared);
    clearTimeout(shown.expiry);
    if (shown.blip !== null) removeBlip(shown.blip);
    if (shown.feedItem !== null) removeFromFeed(shown.feedItem);
    return releaseRoute(this.key(id));
  }
}
