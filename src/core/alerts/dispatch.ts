/**
 * Dispatch assignments. A unit attached to a call (an attach push, or a new or edited call that newly
 * lists it) gets the call on its player's screen with a place to route to; a detach, an edit that drops
 * it, or the call closing takes it back; notes reach the attached units' players. Nobody else hears of it.
 */
import type { DispatchAssigned, Position } from '../../shared/alert-payloads';
import { clipText } from '../../shared/alert-text';
import { NetEvents } from '../../shared/events';
import { BoundedMap } from '../cache/bounded-map';
import { type CallCache, CLOSED_STATUS } from '../cache/calls';
import type { Runtime } from '../runtime';
import type { PushEventOf } from '../validate/catalogue';
import type { Dispatch, DispatchNote } from '../validate/events/dispatch';
import { noticeStyleFor, styleFor } from './alert-style';
import { callPosition, metaNumber } from './call-position';
import type { AlertsConfig } from './config';
import type { IdentityMap } from './identity';
import type { MuteList } from './mute-list';
import type { Postals } from './postals';

export type DispatchPush = PushEventOf<
  | 'EVENT_DISPATCH_NEW'
  | 'EVENT_DISPATCH_EDIT'
  | 'EVENT_DISPATCH_CLOSED'
  | 'EVENT_DISPATCH_NOTE'
  | 'EVENT_DISPATCH_UNIT_ATTACH'
  | 'EVENT_DISPATCH_UNIT_DETACH'
>;

export interface DispatchAlertsDeps {
  runtime: Runtime;
  config: AlertsConfig;
  calls: CallCache;
  identity: IdentityMap;
  mutes: MuteList;
  postals: Postals;
  /** Where 911 callers were, by call id, kept after the CAD removes the call: a dispatch may link to it. */
  callers: BoundedMap<number, Position>;
}

export class DispatchAlerts {
  /**
   * Call id → the units told they are attached. An edit then tells only the units it adds or drops, and
   * the attach push and the edit the CAD may send for the same change tell once. A closed call keeps an
   * empty entry, so a second close tells no one. A call missing here (first seen since a start or a
   * `sonorancad reload`, whose clients may still show it) goes by the cache.
   */
  private readonly told: BoundedMap<number, Set<number>>;

  constructor(private readonly deps: DispatchAlertsDeps) {
    this.told = new BoundedMap(deps.calls.dispatch.max);
  }

  handle(event: DispatchPush): void {
    if (!this.deps.config.dispatch.enabled) return;
    switch (event.type) {
      case 'EVENT_DISPATCH_NEW':
      case 'EVENT_DISPATCH_EDIT':
        this.sync(event.dispatch, event.type === 'EVENT_DISPATCH_EDIT');
        break;
      case 'EVENT_DISPATCH_UNIT_ATTACH':
        for (const ident of event.idents) this.attach(event.callId, ident);
        break;
      case 'EVENT_DISPATCH_UNIT_DETACH':
        for (const ident of event.idents) this.detach(event.callId, ident);
        break;
      case 'EVENT_DISPATCH_CLOSED':
        this.close(event.callIds);
        break;
      case 'EVENT_DISPATCH_NOTE':
        this.note(event.callId, event.note);
        break;
    }
  }

  /** `edited`: the units that stay on the call get it again, to update what they show. */
  private sync(dispatch: Dispatch, edited: boolean): void {
    const { callId, idents } = dispatch;
    if (dispatch.status === CLOSED_STATUS) {
      this.close([callId]);
      return;
    }
    const told = [...(this.told.get(callId) ?? [])];
    for (const ident of told.filter((ident) => !idents.includes(ident))) this.detach(callId, ident);
    const staying = edited ? told.filter((ident) => idents.includes(ident)) : [];
    for (const ident of idents) this.attach(callId, ident);
    for (const ident of staying) {
      const player = this.playerOf(ident);
      if (player !== null)
        this.deps.runtime.emitNet(NetEvents.DispatchUpdated, player, this.assigned(callId));
    }
  }

  private attach(callId: number, ident: number): void {
    const told = this.told.get(callId) ?? new Set<number>();
    if (told.has(ident)) return;
    told.add(ident);
    this.told.set(callId, told);
    const player = this.playerOf(ident);
    if (player !== null) this.deps.runtime.emitNet(NetEvents.DispatchAssigned, player, this.assigned(callId));
  }

  private detach(callId: number, ident: number): void {
    const told = this.told.get(callId);
    if (told && !told.delete(ident)) return;
    const player = this.playerOf(ident);
    if (player === null) return;
    this.deps.runtime.emitNet(NetEvents.DispatchDetached, player, {
      callId,
      ...this.style(),
    });
  }

  /** One notice per player for all of its calls that closed. */
  private close(callIds: number[]): void {
    const byPlayer = new Map<number, Set<number>>();
    for (const callId of callIds) {
      const idents = this.told.get(callId) ?? this.deps.calls.dispatch.get(callId)?.dispatch.idents ?? [];
      for (const ident of idents) {
        const player = this.playerOf(ident);
        if (player === null) continue;
        const closed = byPlayer.get(player) ?? new Set<number>();
        closed.add(callId);
        byPlayer.set(player, closed);
      }
      this.told.set(callId, new Set());
    }
    const style = this.style();
    for (const [player, closed] of byPlayer) {
      this.deps.runtime.emitNet(NetEvents.DispatchClosed, player, { callIds: [...closed], ...style });
    }
  }

  /** To the units the CAD lists on the call, and any told of it since. */
  private note(callId: number, note: DispatchNote): void {
    const text = clipText(note.content?.trim() ?? '');
    if (!text) return;
    const idents = new Set([
      ...(this.deps.calls.dispatch.get(callId)?.dispatch.idents ?? []),
      ...(this.told.get(callId) ?? []),
    ]);
    const players = new Set<number>();
    for (const ident of idents) {
      const player = this.playerOf(ident);
      if (player !== null) players.add(player);
    }
    const payload = {
      callId,
      author: clipText(note.label ?? ''),
      note: text,
      ...this.style(),
    };
    for (const player of players) this.deps.runtime.emitNet(NetEvents.DispatchNote, player, payload);
  }

  private style() {
    const { config } = this.deps;
    return noticeStyleFor(config, config.dispatch.chat ?? config.chat);
  }

  private playerOf(ident: number): number | null {
    const player = this.deps.identity.playerOf(ident);
    return player === null || this.deps.mutes.has(player) ? null : player;
  }

  /** From the cached call; a call the cache missed still reaches its unit, by number only. */
  private assigned(callId: number): DispatchAssigned {
    const { config } = this.deps;
    const dispatch = this.deps.calls.dispatch.get(callId)?.dispatch;
    const kind = config.dispatch;
    return {
      callId,
      code: clipText(dispatch?.code ?? ''),
      title: clipText(dispatch?.title ?? ''),
      location: clipText([dispatch?.block, dispatch?.address].filter(Boolean).join(' ')),
      postal: clipText(dispatch?.postal?.trim() ?? ''),
      description: clipText(dispatch?.description ?? ''),
      position: dispatch ? this.positionOf(dispatch) : null,
      look: styleFor(kind, config, kind.expireSeconds),
    };
  }

  /** The 911 caller it came from, else the call's own coordinates, else its postal. */
  private positionOf(dispatch: Dispatch): Position | null {
    const origin = metaNumber(dispatch.metaData.origin911);
    const linked = origin === null ? undefined : this.deps.callers.get(origin);
    return linked ?? callPosition(dispatch.metaData, dispatch.postal?.trim() ?? '', this.deps.postals);
  }
}
