/** Applies a validated push to the caches and returns what the local events need from before and after. */
import type { PushEvent, PushEventOf } from '../validate/catalogue';
import type { Unit } from '../validate/unit-schema';
import type { CallCache, DispatchEntry } from './calls';
import type { UnitCache } from './units';

export interface Applied {
  /** DispatchEdit: the cache entry before the edit, null when the call was not cached. */
  readonly previous: DispatchEntry | null;
  /**
   * The entry the local events carry: after the change (one, or one per closed call id), except for
   * attach and detach: per ident, the entry before that ident's change, as the official fires first.
   */
  readonly dispatches: readonly (DispatchEntry | null)[];
  /** The cached unit after the change, per unit sent (status, update) or per ident named (panic, attach…). */
  readonly units: readonly (Unit | null)[];
  /** Attach/detach, per ident: whether the call's idents changed. */
  readonly changed: readonly boolean[];
}

type GroupPush = 'EVENT_UNIT_GROUP_ADD' | 'EVENT_UNIT_GROUP_REMOVE' | 'EVENT_UNIT_GROUP_CHANGE_NAME';

export interface State {
  units: UnitCache;
  calls: CallCache;
}

export const NOTHING_APPLIED: Applied = { previous: null, dispatches: [], units: [], changed: [] };

function applied(parts: Partial<Applied>): Applied {
  return { previous: null, dispatches: [], units: [], changed: [], ...parts };
}

function attachments(event: { callId: number; idents: number[] }, state: State, attach: boolean): Applied {
  const { calls, units } = state;
  const changed: boolean[] = [];
  const dispatches: (DispatchEntry | null)[] = [];
  const found: (Unit | null)[] = [];
  for (const ident of event.idents) {
    dispatches.push(calls.dispatch.get(event.callId) ?? null);
    changed.push(attach ? calls.attach(event.callId, ident) : calls.detach(event.callId, ident));
    found.push(units.get(ident) ?? null);
  }
  return applied({ changed, dispatches, units: found });
}

const sameName = (a: string | undefined, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Added units carry the group, removed ones lose it (unless they moved on to another already); a rename
 * reaches the units it lists and any other cached unit still under the old name.
 */
function groups(event: PushEventOf<GroupPush>, units: UnitCache): void {
  if (event.type === 'EVENT_UNIT_GROUP_ADD') {
    for (const id of event.identIds) units.setGroup(id, event.groupName);
  } else if (event.type === 'EVENT_UNIT_GROUP_REMOVE') {
    for (const id of event.identIds)
      if (sameName(units.get(id)?.data.group, event.groupName)) units.setGroup(id, undefined);
  } else {
    for (const id of event.identIds) units.setGroup(id, event.newName);
    for (const unit of units.all())
      if (sameName(unit.data.group, event.oldName)) units.setGroup(unit.id, event.newName);
  }
}

export function applyToState(event: PushEvent, state: State): Applied {
  const { units, calls } = state;
  switch (event.type) {
    case 'EVENT_911':
      calls.addEmergency(event.call);
      return NOTHING_APPLIED;
    case 'EVENT_REMOVE_911':
      for (const callId of event.callIds) calls.removeEmergency(callId);
      return NOTHING_APPLIED;
    case 'EVENT_UNIT_PANIC':
      return applied({
        units: event.identIds.map((id) => units.update(id, { isPanic: event.isPanic }) ?? null),
      });
    case 'EVENT_UNIT_LOGIN':
      units.set(event.unit);
      return NOTHING_APPLIED;
    case 'EVENT_UNIT_LOGOUT':
      units.remove(event.identId);
      return NOTHING_APPLIED;
    case 'EVENT_UNIT_STATUS': {
      const only = event.statusOnly;
      if (!only) return applied({ units: event.units.map((unit) => units.refresh(unit)) });
      return applied({ units: only.identIds.map((id) => units.update(id, { status: only.status }) ?? null) });
    }
    case 'EVENT_UNIT_UPDATE':
      return applied({ units: event.units.map((unit) => units.refresh(unit)) });
    case 'EVENT_UNIT_GROUP_ADD':
    case 'EVENT_UNIT_GROUP_REMOVE':
    case 'EVENT_UNIT_GROUP_CHANGE_NAME':
      groups(event, units);
      return NOTHING_APPLIED;
    case 'EVENT_DISPATCH_NEW':
      return applied({ dispatches: [calls.setDispatch('CALL_NEW', event.dispatch)] });
    case 'EVENT_DISPATCH_EDIT':
      return applied({
        previous: calls.dispatch.get(event.dispatch.callId) ?? null,
        dispatches: [calls.setDispatch('CALL_EDIT', event.dispatch)],
      });
    case 'EVENT_DISPATCH_CLOSED':
      return applied({ dispatches: event.callIds.map((callId) => calls.close(callId) ?? null) });
    case 'EVENT_DISPATCH_NOTE':
      return applied({ dispatches: [calls.addNote(event.callId, event.note) ?? null] });
    case 'EVENT_DISPATCH_UNIT_ATTACH':
      return attachments(event, state, true);
    case 'EVENT_DISPATCH_UNIT_DETACH':
      return attachments(event, state, false);
    default:
      return NOTHING_APPLIED;
  }
}
