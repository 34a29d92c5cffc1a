/**
 * 911 alerts: caller, location, description and postal for every recipient, a blip where the caller is
 * (coordinates from the call's metadata, else the postal table), a sound unless the call is silent.
 * A removal reaches exactly the players the call was shown to.
 */
import { clipText, type EmergencyCallAlert, type Position } from '../../shared/alert-payloads';
import { NetEvents } from '../../shared/events';
import type { Json } from '../json';
import type { Runtime } from '../runtime';
import type { PushEventOf } from '../validate/catalogue';
import { styleFor } from './alert-style';
import type { AlertsConfig } from './config';
import { type Postals, postalKey } from './postals';
import type { Recipients } from './recipients';

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

interface Shown {
  receivers: Set<number>;
  expiresAt: number;
}

export interface EmergencyCallDeps {
  runtime: Runtime;
  config: AlertsConfig;
  recipients: Recipients;
  postals: Postals;
}

/** Metadata values are strings when the official resource made the call (`"x": "231.52"`). */
function coordinate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' && NUMBER.test(value) ? Number(value) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export class EmergencyCallAlerts {
  /** By call id, oldest first: every entry lives equally long, so expired ones are at the front. */
  private readonly shown = new Map<number, Shown>();

  constructor(private readonly deps: EmergencyCallDeps) {}

  show(event: PushEventOf<'EVENT_911'>): void {
    const { runtime, config } = this.deps;
    const now = runtime.timers.now();
    this.prune(now);
    const payload = this.payloadOf(event);
    const receivers = this.deps.recipients.recipientsFor(config.emergencyCall);
    for (const player of receivers) runtime.emitNet(NetEvents.EmergencyCall, player, payload);
    this.shown.delete(payload.callId);
    this.shown.set(payload.callId, { receivers, expiresAt: now + config.emergencyCall.expireSeconds * 1000 });
  }

  remove(callIds: number[]): void {
    this.prune(this.deps.runtime.timers.now());
    const byPlayer = new Map<number, number[]>();
    for (const callId of callIds) {
      for (const player of this.shown.get(callId)?.receivers ?? []) {
        const ids = byPlayer.get(player);
        if (ids) ids.push(callId);
        else byPlayer.set(player, [callId]);
      }
      this.shown.delete(callId);
    }
    for (const [player, ids] of byPlayer)
      this.deps.runtime.emitNet(NetEvents.EmergencyCallsRemoved, player, { callIds: ids });
  }

  forget(player: number): void {
    for (const shown of this.shown.values()) shown.receivers.delete(player);
  }

  private prune(now: number): void {
    for (const [callId, shown] of this.shown) {
      if (shown.expiresAt > now) return;
      this.shown.delete(callId);
    }
  }

  private payloadOf(event: PushEventOf<'EVENT_911'>): EmergencyCallAlert {
    const { config } = this.deps;
    const { call } = event;
    const meta: Json = call.metaData;
    const emergency = call.isEmergency ?? true;
    const postal = text(meta.postal).trim();
    const silent = meta.silentAlert === true || text(meta.silentAlert).toLowerCase() === 'true';
    return {
      callId: call.callId,
      label: emergency ? config.emergencyCall.emergencyLabel : config.emergencyCall.civilLabel,
      emergency,
      caller: clipText(call.caller ?? ''),
      location: clipText(call.location ?? ''),
      description: clipText(call.description ?? ''),
      postal: clipText(postal),
      position: this.positionOf(meta, postal),
      look: styleFor(config.emergencyCall, config.chat, config.emergencyCall.expireSeconds, silent),
    };
  }

  private positionOf(meta: Json, postal: string): Position | null {
    const x = coordinate(meta.x);
    const y = coordinate(meta.y);
    if (x !== null && y !== null) return { x, y, z: coordinate(meta.z) ?? 0 };
    return (postal && this.deps.postals.get(postalKey(postal))) || null;
  }
}
