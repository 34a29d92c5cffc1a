import { describe, expect, it } from 'vitest';
import { CLOSED_STATUS } from '../../src/core/cache/calls';
import { LocalEvents as E } from '../../src/shared/events';
import { callLife } from '../helpers/call-life';
import { envelopeOf, fixtureBody, push } from '../helpers/sample-envelopes';
import { type Emitted, harness } from './harness';

/** The events before the final Received, which every test checks separately. */
function official(emitted: Emitted[]): Emitted[] {
  const last = emitted.at(-1);
  expect(last?.[0]).toBe(E.Received);
  return emitted.slice(0, -1);
}

function dataOf(file: string): unknown {
  const data = fixtureBody(file).data;
  return Array.isArray(data) && data.length === 1 ? data[0] : data;
}

const LOGIN = 'EVENT_UNIT_LOGIN.object.json';
const NEW = 'EVENT_DISPATCH_NEW.object.json';

describe('official-compatible local events, per sample', () => {
  it('EVENT_911: EmergencyCacheUpdated, then IncomingCadCall(call, call.metaData, identities)', () => {
    const h = harness();
    const events = official(h.publish('EVENT_911.object.json'));
    expect(events.map(([name]) => name)).toEqual([E.EmergencyCacheUpdated, E.IncomingCadCall]);
    const [, call, metaData, identities] = events[1]!;
    expect(call).toMatchObject({ callId: 1234, caller: 'John Doe', location: 'Alta St / Las Lagunas Blvd' });
    expect(metaData).toBe((call as { metaData: unknown }).metaData);
    expect(metaData).toMatchObject({ callerPlayerId: '7', postal: '8061', silentAlert: 'false' });
    expect(identities).toEqual(['steam:11000010a1b2c3d', 'license:3f9d2a7c5e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f']);
    expect(Object.keys(h.calls.emergency.toObject())).toEqual(['1234']);
  });

  it('EVENT_911 (docs shape): metaData from beside the call', () => {
    const events = official(harness().publish('EVENT_911.json'));
    expect(events[1]![2]).toEqual({ someKey: 'someValue' });
    expect(events[1]![3]).toEqual([
      'steam:11000010a1b2c3d',
      '11112222',
      'license:3f9d2a7c5e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f',
    ]);
  });

  it('EVENT_REMOVE_911: EmergencyCacheUpdated and CadCallRemoved per id; the call leaves the cache', () => {
    const h = harness();
    h.publish('EVENT_911.object.json');
    expect(official(h.publish('EVENT_REMOVE_911.json'))).toEqual([
      [E.EmergencyCacheUpdated],
      [E.CadCallRemoved, 1234],
      [E.EmergencyCacheUpdated],
      [E.CadCallRemoved, 5678],
    ]);
    expect(h.calls.emergency.size).toBe(0);
  });

  it('EVENT_UNIT_PANIC: UnitPanic(cached unit, identId, isPanic), null for units not cached', () => {
    const h = harness();
    h.publish(LOGIN);
    const [panic] = official(h.publish('EVENT_UNIT_PANIC.object.json'));
    expect(panic).toEqual([E.UnitPanic, expect.objectContaining({ id: 12, isPanic: true }), 12, true]);
    expect(h.units.get(12)?.isPanic).toBe(true);
    expect(official(h.publish('EVENT_UNIT_PANIC.json'))).toEqual([
      [E.UnitPanic, null, 1, true],
      [E.UnitPanic, null, 2, true],
      [E.UnitPanic, null, 3, true],
    ]);
  });

  it('EVENT_UNIT_LOGIN: UnitLogin(unit) with isDispatch copied on; the unit is cached', () => {
    const h = harness();
    const [login] = official(h.publish(LOGIN));
    expect(login).toEqual([E.UnitLogin, expect.objectContaining({ id: 12, isDispatch: false, status: 2 })]);
    expect((login![1] as { data: { unitNum: string } }).data.unitNum).toBe('A-10');
    expect(h.units.get(12)).toBe(login![1]);
  });

  it('EVENT_UNIT_LOGOUT: UnitLogout(identId); the unit leaves the cache', () => {
    const h = harness();
    h.publish(LOGIN);
    expect(official(h.publish('EVENT_UNIT_LOGOUT.json'))).toEqual([[E.UnitLogout, 12]]);
    expect(h.units.size).toBe(0);
  });

  it('EVENT_UNIT_STATUS (units): UnitUpdate(unit, unit.status) per unit', () => {
    const h = harness();
    const events = official(h.publish('EVENT_UNIT_STATUS.object.json'));
    expect(events).toEqual([[E.UnitUpdate, expect.objectContaining({ id: 12, status: 3 }), 3]]);
    expect(h.units.get(12)?.location).toBe('Alta St / Las Lagunas Blvd');
  });

  it.each(['EVENT_UNIT_STATUS.json', 'EVENT_UNIT_STATUS.legacy.object.json'])(
    '%s: UnitUpdate then UnitStatusUpdate for a cached unit, nothing for an unknown one',
    (file) => {
      expect(official(harness().publish(file))).toEqual([]);
      const h = harness();
      h.publish(LOGIN);
      const unit = expect.objectContaining({ id: 12, status: 3, location: '1234 E. Test Ave' });
      expect(official(h.publish(file))).toEqual([
        [E.UnitUpdate, unit, 3],
        [E.UnitStatusUpdate, unit, 3],
      ]);
      expect(h.units.get(12)?.status).toBe(3);
    },
  );

  it('a unit update keeps the isDispatch its login carried', () => {
    const h = harness();
    h.publish(push('EVENT_UNIT_LOGIN', { unit: { id: 12 }, isDispatch: true }));
    const [update] = official(h.publish('EVENT_UNIT_UPDATE.object.json'));
    expect(update).toEqual([
      E.UnitUpdate,
      expect.objectContaining({ id: 12, isDispatch: true, status: 3 }),
      3,
    ]);
    expect(h.units.get(12)?.isDispatch).toBe(true);
  });

  it('EVENT_UNIT_UPDATE: UnitUpdate(unit, unit.status)', () => {
    const events = official(harness().publish('EVENT_UNIT_UPDATE.object.json'));
    expect(events).toEqual([[E.UnitUpdate, expect.objectContaining({ id: 12, aop: 'South District' }), 3]]);
  });

  it.each(['EVENT_UNIT_GROUP_ADD.json', 'EVENT_UNIT_GROUP_ADD.object.json'])(
    '%s: UnitGroupAdd({ groupName, idents })',
    (file) => {
      expect(official(harness().publish(file))).toEqual([
        [E.UnitGroupAdd, { groupName: 'Ladder 61', idents: [12, 34, 56] }],
      ]);
    },
  );

  it('EVENT_UNIT_GROUP_REMOVE and _CHANGE_NAME pass data through', () => {
    expect(official(harness().publish('EVENT_UNIT_GROUP_REMOVE.json'))).toEqual([
      [E.UnitGroupRemove, { identId: 12, groupName: 'Ladder 61' }],
    ]);
    expect(official(harness().publish('EVENT_UNIT_GROUP_CHANGE_NAME.json'))).toEqual([
      [E.UnitGroupRename, dataOf('EVENT_UNIT_GROUP_CHANGE_NAME.json')],
    ]);
  });

  it.each(['EVENT_DISPATCH_NEW.json', NEW])('%s: CallCacheUpdated, then DispatchEvent(CALL_NEW)', (file) => {
    const h = harness();
    const events = official(h.publish(file));
    expect(events).toEqual([
      [E.CallCacheUpdated],
      [
        E.DispatchEvent,
        { dispatch_type: 'CALL_NEW', dispatch: expect.objectContaining({ callId: 1001, notes: [] }) },
      ],
    ]);
    expect(h.calls.dispatch.get(1001)).toBe(events[1]![1]);
  });

  it('EVENT_DISPATCH_EDIT: DispatchEdit(previous entry, data), CallCacheUpdated, DispatchEvent(CALL_EDIT)', () => {
    const h = harness();
    const [, [, created]] = official(h.publish(NEW)) as [Emitted, Emitted];
    const events = official(h.publish('EVENT_DISPATCH_EDIT.object.json'));
    expect(events).toEqual([
      [E.DispatchEdit, created, dataOf('EVENT_DISPATCH_EDIT.object.json')],
      [E.CallCacheUpdated],
      [
        E.DispatchEvent,
        { dispatch_type: 'CALL_EDIT', dispatch: expect.objectContaining({ priority: 2, postal: '457' }) },
      ],
    ]);
    expect((events[0]![1] as { dispatch: { priority: number } }).dispatch.priority).toBe(1);
  });

  it('EVENT_DISPATCH_EDIT for a call never seen: previous is null', () => {
    const events = official(harness().publish('EVENT_DISPATCH_EDIT.json'));
    expect(events[0]).toEqual([E.DispatchEdit, null, dataOf('EVENT_DISPATCH_EDIT.json')]);
  });

  it('EVENT_DISPATCH_CLOSED: DispatchEvent(CALL_CLOSE) for every id, status 2', () => {
    const h = harness();
    h.publish(NEW);
    const events = official(h.publish('EVENT_DISPATCH_CLOSED.json'));
    expect(events).toEqual([
      [E.CallCacheUpdated],
      [
        E.DispatchEvent,
        {
          dispatch_type: 'CALL_CLOSE',
          dispatch: expect.objectContaining({ callId: 1001, status: CLOSED_STATUS, title: 'Traffic Stop' }),
        },
      ],
      [
        E.DispatchEvent,
        {
          dispatch_type: 'CALL_CLOSE',
          dispatch: { callId: 1002, status: CLOSED_STATUS, notes: [], idents: [], metaData: {} },
        },
      ],
    ]);
    expect(h.calls.dispatch.get(1001)?.dispatch.status).toBe(CLOSED_STATUS);
    expect(h.calls.dispatch.get(1002)).toBeUndefined();
  });

  it('EVENT_DISPATCH_NOTE: DispatchNote(entry with the note, as an edit, data), then CallCacheUpdated', () => {
    const h = harness();
    h.publish(NEW);
    const events = official(h.publish('EVENT_DISPATCH_NOTE.json'));
    expect(events).toEqual([
      [
        E.DispatchNote,
        {
          dispatch_type: 'CALL_EDIT',
          dispatch: expect.objectContaining({
            notes: [expect.objectContaining({ content: 'Some message here!' })],
          }),
        },
        dataOf('EVENT_DISPATCH_NOTE.json'),
      ],
      [E.CallCacheUpdated],
    ]);
    expect(official(harness().publish('EVENT_DISPATCH_NOTE.json'))).toEqual([
      [E.DispatchNote, null, dataOf('EVENT_DISPATCH_NOTE.json')],
    ]);
  });

  it('EVENT_DISPATCH_UNIT_ATTACH: UnitAttach(entry before, unit) for cached units, CallCacheUpdated per ident added', () => {
    const h = harness();
    h.publish(LOGIN, NEW);
    const events = official(h.publish('EVENT_DISPATCH_UNIT_ATTACH.json'));
    expect(events).toEqual([
      [
        E.UnitAttach,
        { dispatch_type: 'CALL_NEW', dispatch: expect.objectContaining({ idents: [987, 123, 456] }) },
        expect.objectContaining({ id: 12 }),
      ],
      [E.CallCacheUpdated],
      [E.CallCacheUpdated],
    ]);
    expect(h.calls.dispatch.get(1001)).toEqual({
      dispatch_type: 'CALL_EDIT',
      dispatch: expect.objectContaining({ idents: [987, 123, 456, 12, 34] }),
    });
    // Attaching again changes nothing: UnitAttach still fires, CallCacheUpdated does not.
    expect(official(h.publish('EVENT_DISPATCH_UNIT_ATTACH.json')).map(([name]) => name)).toEqual([
      E.UnitAttach,
    ]);
  });

  it('EVENT_DISPATCH_UNIT_DETACH: UnitDetach(entry before, unit); only the named idents leave', () => {
    const h = harness();
    h.publish(LOGIN, NEW, 'EVENT_DISPATCH_UNIT_ATTACH.json');
    const events = official(h.publish('EVENT_DISPATCH_UNIT_DETACH.json'));
    expect(events).toEqual([
      [
        E.UnitDetach,
        {
          dispatch_type: 'CALL_EDIT',
          dispatch: expect.objectContaining({ idents: [987, 123, 456, 12, 34] }),
        },
        expect.objectContaining({ id: 12 }),
      ],
      [E.CallCacheUpdated],
      [E.CallCacheUpdated],
    ]);
    expect(h.calls.dispatch.get(1001)?.dispatch.idents).toEqual([987, 123, 456]);
    // Detaching idents that are not attached removes nothing (the official resource drops the last one).
    expect(official(h.publish('EVENT_DISPATCH_UNIT_DETACH.json')).map(([name]) => name)).toEqual([
      E.UnitDetach,
    ]);
    expect(h.calls.dispatch.get(1001)?.dispatch.idents).toEqual([987, 123, 456]);
  });

  it.each([
    ['EVENT_RECORD_ADD.json', E.RecordAdded],
    ['EVENT_RECORD_EDIT.json', E.RecordEdited],
    ['EVENT_RECORD_REMOVE.json', E.RecordRemoved],
  ])('%s: %s(record)', (file, name) => {
    const record = (dataOf(file) as { record: unknown }).record;
    expect(official(harness().publish(file))).toEqual([[name, record]]);
  });

  it.each([
    ['EVENT_TONE.json', E.Tone],
    ['EVENT_CHAR_SELECTED.json', E.CharacterSelected],
    ['EVENT_COMMUNITY_LINK_VERIFIED.json', E.CommunityLinkVerified],
  ])('%s: %s(data)', (file, name) => {
    expect(official(harness().publish(file))).toEqual([[name, dataOf(file)]]);
  });

  it('EVENT_STREETSIGN_UPDATED: SmartSignUpdate(signData)', () => {
    expect(official(harness().publish('EVENT_STREETSIGN_UPDATED.json'))).toEqual([
      [E.SmartSignUpdate, { ids: [1, 2], text1: 'ROAD CLOSED', text2: 'DETOUR', text3: 'USE ALTA ST' }],
    ]);
  });

  it('GET_LOGS: SendSupportLogs(logKey), and Received with null data', () => {
    const emitted = harness().publish('GET_LOGS.object.json');
    expect(emitted).toEqual([
      [E.SendSupportLogs, 48213],
      [E.Received, 'GET_LOGS', null],
    ]);
  });

  it.each([
    'EVENT_DISPATCH_TOGGLE_BODYCAM.json',
    'EVENT_PRINT_RECORD.object.json',
    'EVENT_NEW_CALLOUT.json',
    'EVENT_NEW_CALLOUT.object.json',
    'EVENT_PAGER_REBORN.json',
  ])('%s has no official handler: OtherEvent(TYPE, data)', (file) => {
    const type = fixtureBody(file).type;
    expect(official(harness().publish(file))).toEqual([[E.OtherEvent, type, dataOf(file)]]);
  });

  it('EVENT_STATION_ALERT: OtherEvent(TYPE, data), then our StationDoors(name, open, close) per location', () => {
    const file = 'EVENT_STATION_ALERT.json';
    expect(official(harness().publish(file))).toEqual([
      [E.OtherEvent, 'EVENT_STATION_ALERT', dataOf(file)],
      [E.StationDoors, 'Fire Station One', ['Door 1', 'Door 2'], ['Door 3']],
    ]);
  });
});

describe("a call's life, argument for argument", () => {
  const unit = { ...(dataOf(LOGIN) as { unit: object }).unit, isDispatch: false };
  const created = (dataOf(NEW) as { dispatch: { idents: number[] } }).dispatch;
  const call = (dispatch_type: string, change: object) => ({
    dispatch_type,
    dispatch: { ...created, ...change },
  });

  it('login, new, note, attach, panic, detach, note, close: each push fires its exact events', () => {
    const h = harness();
    for (const step of callLife()) {
      expect(official(h.publish(envelopeOf(step.body))), step.what).toEqual(step.events);
    }
    expect(h.calls.dispatch.get(1001)?.dispatch.idents).toEqual(created.idents);
  });

  it("DispatchEdit's previous entry after an attach is a CALL_EDIT", () => {
    const h = harness();
    h.publish(LOGIN, NEW, 'EVENT_DISPATCH_UNIT_ATTACH.json');
    const [edit] = official(h.publish('EVENT_DISPATCH_EDIT.object.json'));
    expect(edit).toEqual([
      E.DispatchEdit,
      call('CALL_EDIT', { idents: [...created.idents, 12, 34] }),
      dataOf('EVENT_DISPATCH_EDIT.object.json'),
    ]);
  });

  it('UnitAttach for a later ident of the same push carries the entry the earlier ident left', () => {
    const h = harness();
    h.publish(LOGIN, push('EVENT_UNIT_LOGIN', { unit: { id: 34 } }), NEW);
    expect(official(h.publish('EVENT_DISPATCH_UNIT_ATTACH.json'))).toEqual([
      [E.UnitAttach, call('CALL_NEW', {}), unit],
      [E.CallCacheUpdated],
      [E.UnitAttach, call('CALL_EDIT', { idents: [...created.idents, 12] }), h.units.get(34)],
      [E.CallCacheUpdated],
    ]);
  });
});

describe('Received, unknown types and shapes not understood', () => {
  it('every push ends with Received(type as sent, data unwrapped)', () => {
    const emitted = harness().publish('EVENT_UNIT_PANIC.json');
    expect(emitted.at(-1)).toEqual([E.Received, 'EVENT_UNIT_PANIC', { identIds: [1, 2, 3], isPanic: true }]);
  });

  it('an unknown type: OtherEvent(TYPE, data), then Received', () => {
    const emitted = harness().publish(push('event_brand_new', [{ a: 1 }]));
    expect(emitted).toEqual([
      [E.OtherEvent, 'EVENT_BRAND_NEW', { a: 1 }],
      [E.Received, 'EVENT_BRAND_NEW', { a: 1 }],
    ]);
  });

  it('a known type whose shape is not understood: OtherEvent, no state change', () => {
    const h = harness();
    const emitted = h.publish(push('EVENT_UNIT_LOGIN', { unit: { name: 'no id' } }));
    expect(emitted).toEqual([
      [E.OtherEvent, 'EVENT_UNIT_LOGIN', { unit: { name: 'no id' } }],
      [E.Received, 'EVENT_UNIT_LOGIN', { unit: { name: 'no id' } }],
    ]);
    expect(h.units.size).toBe(0);
  });

  it('an alias fires the canonical events and Received keeps the type as sent', () => {
    const h = harness();
    h.publish(NEW);
    const emitted = h.publish(push('EVENT_DISPATCH_CLOSE', { callId: 1001 }));
    expect(emitted.map(([name]) => name)).toEqual([E.CallCacheUpdated, E.DispatchEvent, E.Received]);
    expect(emitted.at(-1)?.[1]).toBe('EVENT_DISPATCH_CLOSE');
  });
});
