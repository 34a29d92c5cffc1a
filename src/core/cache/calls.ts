/**
 * Emergency (911) calls and dispatch calls, keyed by call id, each bounded (least recently updated goes
 * first). A closed dispatch call stays, with status 2 and dispatch_type CALL_CLOSE, as the official
 * resource keeps it, until the bound evicts it: late notes and detaches still find it, and the memory
 * stays bounded. As in the official resource, a note, attach or detach rewrites the entry as CALL_EDIT,
 * and a pushed note goes first (newest first). Entries are replaced on every change, never mutated, so
 * anything already emitted keeps the state it was emitted with. Notes pushed to a cached call keep only
 * the latest MAX_NOTES, so a flood of notes cannot grow memory or copy cost without bound.
 */

import { CACHE_DEFAULTS } from '../config/schema';
import type { PushEventOf } from '../validate/catalogue';
import type { Dispatch, DispatchNote } from '../validate/events/dispatch';
import { BoundedMap } from './bounded-map';

export const CLOSED_STATUS = 2;
export const MAX_NOTES = 100;

export type CadEmergencyCall = PushEventOf<'EVENT_911'>['call'];
export type DispatchType = 'CALL_NEW' | 'CALL_EDIT' | 'CALL_CLOSE';

/** The official resource's call cache entry, also DispatchEvent's argument. */
export interface DispatchEntry {
  dispatch_type: DispatchType;
  dispatch: Dispatch;
}

export class CallCache {
  readonly emergency: BoundedMap<number, CadEmergencyCall>;
  readonly dispatch: BoundedMap<number, DispatchEntry>;

  constructor(max = CACHE_DEFAULTS.maxCalls) {
    this.emergency = new BoundedMap(max);
    this.dispatch = new BoundedMap(max);
  }

  addEmergency(call: CadEmergencyCall): void {
    this.emergency.set(call.callId, call);
  }

  removeEmergency(callId: number): boolean {
    return this.emergency.delete(callId);
  }

  setDispatch(dispatch_type: DispatchType, dispatch: Dispatch): DispatchEntry {
    const entry = { dispatch_type, dispatch };
    this.dispatch.set(dispatch.callId, entry);
    return entry;
  }

  close(callId: number): DispatchEntry | undefined {
    const entry = this.dispatch.get(callId);
    return entry && this.setDispatch('CALL_CLOSE', { ...entry.dispatch, status: CLOSED_STATUS });
  }

  addNote(callId: number, note: DispatchNote): DispatchEntry | undefined {
    const entry = this.dispatch.get(callId);
    if (!entry) return undefined;
    const notes = [note, ...entry.dispatch.notes.slice(0, MAX_NOTES - 1)];
    return this.edit({ ...entry.dispatch, notes });
  }

  /** Returns whether the ident was added (false when the call is unknown or it was already attached). */
  attach(callId: number, ident: number): boolean {
    const entry = this.dispatch.get(callId);
    if (!entry || entry.dispatch.idents.includes(ident)) return false;
    this.edit({ ...entry.dispatch, idents: [...entry.dispatch.idents, ident] });
    return true;
  }

  /** Removes only that ident: the official resource drops the last ident when the one named is absent. */
  detach(callId: number, ident: number): boolean {
    const entry = this.dispatch.get(callId);
    if (!entry?.dispatch.idents.includes(ident)) return false;
    this.edit({ ...entry.dispatch, idents: entry.dispatch.idents.filter((id) => id !== ident) });
    return true;
  }

  private edit(dispatch: Dispatch): DispatchEntry {
    return this.setDispatch('CALL_EDIT', dispatch);
  }
}
