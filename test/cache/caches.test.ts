import { describe, expect, it } from 'vitest';
import { applyToState } from '../../src/core/cache/apply-push';
import { BoundedMap } from '../../src/core/cache/bounded-map';
import { CallCache, MAX_NOTES } from '../../src/core/cache/calls';
import { UnitCache } from '../../src/core/cache/units';
import { CACHE_DEFAULTS } from '../../src/core/config/schema';
import type { Dispatch } from '../../src/core/validate/events/dispatch';
import type { Unit } from '../../src/core/validate/unit-schema';

const unit = (id: number): Unit => ({ id, data: { apiIds: [] } });
const dispatch = (callId: number): Dispatch => ({ callId, notes: [], idents: [], metaData: {} });

describe('bounded caches', () => {
  it('default to 2,000 units and 1,000 calls of each kind', () => {
    expect(CACHE_DEFAULTS.maxUnits).toBe(2000);
    expect(CACHE_DEFAULTS.maxCalls).toBe(1000);
    const units = new UnitCache();
    for (let id = 0; id < CACHE_DEFAULTS.maxUnits + 100; id++) units.set(unit(id));
    expect(units.size).toBe(CACHE_DEFAULTS.maxUnits);
  });

  it('units: max + 100 inserts keep max, the least recently updated go first', () => {
    const units = new UnitCache(50);
    for (let id = 0; id < 150; id++) {
      units.set(unit(id));
      units.update(0, { status: 1 }); // keeps unit 0 fresh
    }
    expect(units.size).toBe(50);
    expect(units.get(0)?.status).toBe(1);
    expect(units.get(1)).toBeUndefined();
    expect(units.get(149)).toBeDefined();
    expect(units.all()).toHaveLength(50);
  });

  it('calls: both caches stay within max', () => {
    const calls = new CallCache(20);
    for (let id = 0; id < 120; id++) {
      calls.addEmergency({ callId: id, metaData: {} });
      calls.setDispatch('CALL_NEW', dispatch(id));
    }
    expect(calls.emergency.size).toBe(20);
    expect(calls.dispatch.size).toBe(20);
    expect(Object.keys(calls.dispatch.toObject())).toEqual(
      Array.from({ length: 20 }, (_, i) => String(100 + i)),
    );
  });

  it('units are replaced, never mutated, when their status or panic changes', () => {
    const units = new UnitCache();
    const before = unit(1);
    units.set(before);
    const after = units.update(1, { isPanic: true });
    expect(after).toMatchObject({ id: 1, isPanic: true });
    expect(before.isPanic).toBeUndefined();
    expect(units.update(2, { status: 1 })).toBeUndefined();
    expect(units.remove(1)).toBe(true);
    expect(units.size).toBe(0);
  });

  it('a closed call stays with status 2; notes, attach and detach replace the entry as an edit', () => {
    const calls = new CallCache();
    const created = calls.setDispatch('CALL_NEW', dispatch(1));
    expect(calls.attach(1, 5)).toBe(true);
    expect(calls.dispatch.get(1)?.dispatch_type).toBe('CALL_EDIT');
    expect(calls.attach(1, 5)).toBe(false);
    expect(calls.addNote(1, { content: 'n' })).toEqual({
      dispatch_type: 'CALL_EDIT',
      dispatch: { ...dispatch(1), idents: [5], notes: [{ content: 'n' }] },
    });
    expect(calls.detach(1, 9)).toBe(false);
    expect(calls.close(1)).toMatchObject({
      dispatch_type: 'CALL_CLOSE',
      dispatch: { status: 2, idents: [5] },
    });
    // A late note still finds the closed call and, as in the official resource, rewrites it as an edit.
    expect(calls.addNote(1, { content: 'late' })).toMatchObject({
      dispatch_type: 'CALL_EDIT',
      dispatch: { status: 2, notes: [{ content: 'late' }, { content: 'n' }] },
    });
    expect(created.dispatch).toEqual(dispatch(1));
    expect(calls.close(2)).toBeUndefined();
    expect(calls.attach(2, 5)).toBe(false);
  });

  it('keeps only the latest notes of a call, newest first', () => {
    const calls = new CallCache();
    calls.setDispatch('CALL_NEW', dispatch(1));
    for (let i = 0; i < MAX_NOTES + 50; i++) calls.addNote(1, { content: String(i) });
    const notes = calls.dispatch.get(1)?.dispatch.notes ?? [];
    expect(notes).toHaveLength(MAX_NOTES);
    expect(notes[0]).toEqual({ content: String(MAX_NOTES + 49) });
    expect(notes.at(-1)).toEqual({ content: '50' });
  });

  it("unit group pushes set, clear and rename the cached units' group, replacing each unit", () => {
    const state = { units: new UnitCache(10), calls: new CallCache(10) };
    for (const id of [1, 2, 3]) state.units.set(unit(id));
    const before = state.units.get(1);
    applyToState({ type: 'EVENT_UNIT_GROUP_ADD', groupName: 'Ladder 61', identIds: [1, 2, 9] }, state);
    expect(state.units.get(1)?.data.group).toBe('Ladder 61');
    expect(before?.data.group).toBeUndefined();
    // Unit 2 is renamed without being listed: everyone under the old name moves.
    applyToState(
      { type: 'EVENT_UNIT_GROUP_CHANGE_NAME', identIds: [1], oldName: 'ladder 61', newName: 'Truck 61' },
      state,
    );
    expect([1, 2, 3].map((id) => state.units.get(id)?.data.group)).toEqual([
      'Truck 61',
      'Truck 61',
      undefined,
    ]);
    // A removal from a group the unit has already left changes nothing.
    applyToState({ type: 'EVENT_UNIT_GROUP_REMOVE', groupName: 'Ladder 61', identIds: [1] }, state);
    applyToState({ type: 'EVENT_UNIT_GROUP_REMOVE', groupName: 'TRUCK 61', identIds: [2] }, state);
    expect([1, 2].map((id) => state.units.get(id)?.data.group)).toEqual(['Truck 61', undefined]);
    expect(state.units.get(9)).toBeUndefined();
  });

  it('refuses a cache with no room', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});
