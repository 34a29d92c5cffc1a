/**
 * 911 alerts: caller, location, description and postal for every recipient, a blip where the caller is
 * (coordinates from the call's metadata, else the postal table), a sound unless the call is silent.
 * A removal reaches exactly the players the call was shown to. Optionally quiet for CAD units (the rules that
 * pick players by their unit) while a CAD dispatcher is logged in.
 */
import type { EmergencyCallAlert, Position } from '../../shared/alert-payloads';
import { clipText } from '../../shared/alert-text';
import { NetEvents } from '../../shared/events';
import type { BoundedMap } from '../cache/bounded-map';
import type { Json } from '../json';
import type { Runtime } from '../runtime';
import type { PushEventOf } from '../validate/catalogue';
import { styleFor } from './alert-style';
import { callPosition, metaText } from './call-position';
import type { AlertKindConfig, AlertsConfig } from './config';
import type { Postals } from './postals';
import { raiserOf } from './raiser';
import { isUnitRule } from './recipient-rules';
import type { Recipients } from './recipients';

interface Shown {
  /** Shared with Recipients and other calls: replaced, never changed. */
  receivers: ReadonlySet<number>;
  expiresAt: number;
}

export interface EmergencyCallDeps {
  runtime: Runtime;
  config: AlertsConfig;
  recipients: Recipients;
  postals: Postals;
  /** Where each caller was: kept for the dispatch call a 911 call becomes, after the CAD removes it. */
  callers: BoundedMap<number, Position>;
  dispatcherOnline(): boolean;
}

export class EmergencyCallAlerts {
  /** By call id, oldest first: every entry lives equally long, so expired ones are at the front. */
  private readonly shown = new Map<number, Shown>();
  /** The rules while a dispatcher is online and the kind is quiet then: built once, so Recipients keeps its set. */
  private readonly quietKind: AlertKindConfig;

  constructor(private readonly deps: EmergencyCallDeps) {
    const kind = deps.config.emergencyCall;
    this.quietKind = { ...kind, recipients: kind.recipients.filter((rule) => !isUnitRule(rule)) };
  }

  show(event: PushEventOf<'EVENT_911'>): void {
    const { runtime, config } = this.deps;
    const now = runtime.timers.now();
    this.prune(now);
    const payload = this.payloadOf(event);
    if (payload.position) this.deps.callers.set(payload.callId, payload.position);
    const kind = config.emergencyCall;
    const quiet = kind.quietWhileDispatcherOnline && this.deps.dispatcherOnline();
    const receivers = this.deps.recipients.recipientsFor(quiet ? this.quietKind : kind);
    const raiser = raiserOf(receivers, config.notify);
    // Two payloads at most, not one per player: only the raiser's differs.
    const raised: EmergencyCallAlert = raiser === null ? payload : { ...payload, raiser: true };
    for (const player of receivers)
      runtime.emitNet(NetEvents.EmergencyCall, player, player === raiser ? raised : payload);
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
    for (const shown of this.shown.values()) {
      if (!shown.receivers.has(player)) continue;
      const rest = new Set(shown.receivers);
      rest.delete(player);
      shown.receivers = rest;
    }
  }

  private prune(now: number): void {
    for (const [callId, shown] of this.shown) {
      if (shown.expiresAt > now) return;
      this.shown.delete(callId);
    }
  }

  /** As most recipients get it: not the one who raises it in a shared dispatch UI. */
  private payloadOf(event: PushEventOf<'EVENT_911'>): EmergencyCallAlert {
    const { config } = this.deps;
    const { call } = event;
    const meta: Json = call.metaData;
    const emergency = call.isEmergency ?? true;
    const postal = metaText(meta.postal).trim();
    const silent = meta.silentAlert === true || metaText(meta.silentAlert).toLowerCase() === 'true';
    return {
      callId: call.callId,
      label: emergency ? config.emergencyCall.emergencyLabel : config.emergencyCall.civilLabel,
      emergency,
      caller: clipText(call.caller ?? ''),
      location: clipText(call.location ?? ''),
      description: clipText(call.description ?? ''),
      postal: clipText(postal),
      position: callPosition(meta, postal, this.deps.postals),
      look: styleFor(config.emergencyCall, config, config.emergencyCall.expireSeconds, silent),
      raiser: false,
    };
  }
}
