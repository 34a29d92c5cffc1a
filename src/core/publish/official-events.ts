/**
 * The local events the official resource (core/httpd.lua) fires for each push: same names, same
 * argument order. `data` arguments are the push's `data` as sent, a one-element array unwrapped.
 *
 * Where the official resource has a bug we fix it; each difference:
 * - UnitPanic(unit, identId, isPanic): the official passes an index into its unit cache; we pass the cached
 *   unit object, or null when the unit is not cached, and fire for every ident, not only cached ones.
 * - IncomingCadCall(call, metaData, identities): metaData is read beside and inside `call` (inside wins per
 *   key) and is {} rather than nil when absent; identities combines identities, communityUserIds, apiIds and
 *   the documented communityUserId instead of taking the first list present.
 * - UnitUpdate + UnitStatusUpdate (status-only form): units are looked up by ident id (the official indexes
 *   its cache array by ident id and finds the wrong unit); unknown idents are skipped instead of stopping
 *   at the first one.
 * - UnitGroupAdd fires for the documented shape (ids under `data`) as well as the official's top-level ids.
 * - DispatchEvent(CALL_CLOSE) fires for every closed call id, not only the first. A call we never saw gets
 *   { callId, status: 2, notes: [], idents: [], metaData: {} } and no CallCacheUpdated (nothing changed).
 * - Dispatch notes are always an array (the docs send ""), so a later DispatchNote never breaks the cache.
 * - DispatchNote's entry already holds the new note, as CALL_EDIT (the official fires before adding it).
 * - UnitAttach/UnitDetach need both the call and the unit cached, like the official, but a miss skips that
 *   ident instead of ending the loop; CallCacheUpdated follows only when the call's idents changed; a
 *   detach of an ident that is not attached removes nothing (the official removes the last ident).
 * - Attach/detach change the call's idents, and fire CallCacheUpdated, for an ident whose unit is not
 *   cached too, so the cached call matches the CAD; the official stops at that ident ("invalid call or
 *   unit") and never applies it or the idents after it.
 * - UnitAttach/UnitDetach for a later ident of the same push carry the entry as the earlier idents left
 *   it, CALL_EDIT; the official carries the dispatch_type the call had before the push.
 * - A unit's isPanic follows the panic pushes, so the unit in UnitAttach, UnitDetach and GetUnitCache
 *   shows a pressed panic at once; the official's unit cache learns of panics only from its 60 s poll.
 * - UnitUpdate's unit keeps the isDispatch its login carried (status and update pushes do not send it).
 * - OtherEvent also fires for a known type whose shape was not understood (the official handler throws).
 * - Ours: StationDoors(stationName, open, close) per location of a station alert, after its OtherEvent.
 */
import { LocalEvents } from '../../shared/events';
import type { Applied } from '../cache/apply-push';
import { CLOSED_STATUS, type DispatchEntry } from '../cache/calls';
import type { PushEvent } from '../validate/catalogue';
import type { Unit } from '../validate/unit-schema';

export type LocalEmit = readonly [name: string, ...args: unknown[]];

function closedElsewhere(callId: number): DispatchEntry {
  return {
    dispatch_type: 'CALL_CLOSE',
    dispatch: { callId, status: CLOSED_STATUS, notes: [], idents: [], metaData: {} },
  };
}

function unitUpdates(units: readonly (Unit | null)[]): LocalEmit[] {
  // A loop, not flatMap: this runs for every status push, and flatMap's per-unit arrays cost more.
  const out: LocalEmit[] = [];
  for (const unit of units) if (unit) out.push([LocalEvents.UnitUpdate, unit, unit.status ?? null]);
  return out;
}

function attachments(name: string, idents: readonly number[], applied: Applied): LocalEmit[] {
  const out: LocalEmit[] = [];
  for (let i = 0; i < idents.length; i++) {
    const entry = applied.dispatches[i];
    const unit = applied.units[i];
    if (entry && unit) out.push([name, entry, unit]);
    if (applied.changed[i]) out.push([LocalEvents.CallCacheUpdated]);
  }
  return out;
}

/** `type` is the push's type as sent (aliases included), `event` null when it was not understood. */
export function officialEvents(
  type: string,
  data: unknown,
  event: PushEvent | null,
  applied: Applied,
): LocalEmit[] {
  if (!event) return [[LocalEvents.OtherEvent, type, data]];
  switch (event.type) {
    case 'EVENT_911':
      return [
        [LocalEvents.EmergencyCacheUpdated],
        [LocalEvents.IncomingCadCall, event.call, event.call.metaData, event.identities],
      ];
    case 'EVENT_REMOVE_911':
      return event.callIds.flatMap((callId): LocalEmit[] => [
        [LocalEvents.EmergencyCacheUpdated],
        [LocalEvents.CadCallRemoved, callId],
      ]);
    case 'EVENT_UNIT_PANIC':
      return event.identIds.map((identId, i) => [
        LocalEvents.UnitPanic,
        applied.units[i] ?? null,
        identId,
        event.isPanic,
      ]);
    case 'EVENT_UNIT_LOGIN':
      return [[LocalEvents.UnitLogin, event.unit]];
    case 'EVENT_UNIT_LOGOUT':
      return [[LocalEvents.UnitLogout, event.identId]];
    case 'EVENT_UNIT_STATUS': {
      const only = event.statusOnly;
      if (!only) return unitUpdates(applied.units);
      return applied.units.flatMap((unit): LocalEmit[] =>
        unit
          ? [
              [LocalEvents.UnitUpdate, unit, only.status],
              [LocalEvents.UnitStatusUpdate, unit, only.status],
            ]
          : [],
      );
    }
    case 'EVENT_UNIT_UPDATE':
      return unitUpdates(applied.units);
    case 'EVENT_UNIT_GROUP_ADD':
      return [[LocalEvents.UnitGroupAdd, { groupName: event.groupName, idents: event.identIds }]];
    case 'EVENT_UNIT_GROUP_REMOVE':
      return [[LocalEvents.UnitGroupRemove, data]];
    case 'EVENT_UNIT_GROUP_CHANGE_NAME':
      return [[LocalEvents.UnitGroupRename, data]];
    case 'EVENT_DISPATCH_NEW':
      return [[LocalEvents.CallCacheUpdated], [LocalEvents.DispatchEvent, applied.dispatches[0]]];
    case 'EVENT_DISPATCH_EDIT':
      return [
        [LocalEvents.DispatchEdit, applied.previous, data],
        [LocalEvents.CallCacheUpdated],
        [LocalEvents.DispatchEvent, applied.dispatches[0]],
      ];
    case 'EVENT_DISPATCH_CLOSED':
      return event.callIds.flatMap((callId, i): LocalEmit[] => {
        const entry = applied.dispatches[i];
        if (!entry) return [[LocalEvents.DispatchEvent, closedElsewhere(callId)]];
        return [[LocalEvents.CallCacheUpdated], [LocalEvents.DispatchEvent, entry]];
      });
    case 'EVENT_DISPATCH_NOTE': {
      const entry = applied.dispatches[0] ?? null;
      const note: LocalEmit = [LocalEvents.DispatchNote, entry, data];
      return entry ? [note, [LocalEvents.CallCacheUpdated]] : [note];
    }
    case 'EVENT_DISPATCH_UNIT_ATTACH':
      return attachments(LocalEvents.UnitAttach, event.idents, applied);
    case 'EVENT_DISPATCH_UNIT_DETACH':
      return attachments(LocalEvents.UnitDetach, event.idents, applied);
    case 'EVENT_RECORD_ADD':
      return [[LocalEvents.RecordAdded, event.record]];
    case 'EVENT_RECORD_EDIT':
      return [[LocalEvents.RecordEdited, event.record]];
    case 'EVENT_RECORD_REMOVE':
      return [[LocalEvents.RecordRemoved, event.record]];
    case 'EVENT_TONE':
      return [[LocalEvents.Tone, data]];
    case 'EVENT_STREETSIGN_UPDATED':
      return [[LocalEvents.SmartSignUpdate, event.signData]];
    case 'EVENT_CHAR_SELECTED':
      return [[LocalEvents.CharacterSelected, data]];
    case 'EVENT_COMMUNITY_LINK_VERIFIED':
      return [[LocalEvents.CommunityLinkVerified, data]];
    case 'GET_LOGS':
      return [[LocalEvents.SendSupportLogs, event.logKey]];
    case 'EVENT_STATION_ALERT':
      // Ours after the official's: each location's doors, for door resources, whoever shows the alert.
      return [
        [LocalEvents.OtherEvent, type, data],
        ...event.locations.map(
          (location): LocalEmit => [LocalEvents.StationDoors, location.name, location.open, location.close],
        ),
      ];
    // No built-in handler in the official resource: bodycam, print record, callout, pager.
    default:
      return [[LocalEvents.OtherEvent, type, data]];
  }
}
