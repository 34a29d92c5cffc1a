import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../src/core/validate/catalogue';
import { validatePush } from '../../src/core/validate/validate';
import { fixtureBody, push } from '../helpers/sample-envelopes';

function event(type: string, data?: unknown, extra?: Record<string, unknown>): PushEvent {
  const result = validatePush(push(type, data, extra));
  if (!result.understood) throw new Error(result.reason);
  return result.event;
}

const unitAsSent = (fixtureBody('EVENT_UNIT_LOGIN.object.json').data as { unit: Record<string, unknown> })
  .unit;

describe('legacy and alternative shapes', () => {
  it('panic: a single identId, alone or beside identIds, and no isPanic (a press)', () => {
    expect(event('EVENT_UNIT_PANIC', { identId: 7, isPanic: false })).toStrictEqual({
      type: 'EVENT_UNIT_PANIC',
      identIds: [7],
      isPanic: false,
    });
    expect(event('EVENT_UNIT_PANIC', { identIds: [1, 2], identId: 3, isPanic: true })).toMatchObject({
      identIds: [1, 2, 3],
    });
    expect(event('EVENT_UNIT_PANIC', { identIds: [1, 2], identId: 2 })).toMatchObject({ identIds: [1, 2] });
    expect(event('EVENT_UNIT_PANIC', { identId: 5 })).toMatchObject({ isPanic: true });
  });

  it('remove-911 and dispatch-closed: a single callId', () => {
    expect(event('EVENT_REMOVE_911', { callId: 1234 })).toStrictEqual({
      type: 'EVENT_REMOVE_911',
      callIds: [1234],
    });
    expect(event('EVENT_DISPATCH_CLOSED', { callId: 1001 })).toMatchObject({ callIds: [1001] });
  });

  it('dispatch note: a plain string note', () => {
    expect(event('EVENT_DISPATCH_NOTE', { callId: 1001, note: 'Suspect fled north' })).toStrictEqual({
      type: 'EVENT_DISPATCH_NOTE',
      callId: 1001,
      note: { type: 'text', content: 'Suspect fled north' },
    });
  });

  it('dispatch notes: "" is no notes, a string is one note, an array is kept', () => {
    const dispatch = { callId: 1, notes: 'Caller hung up' };
    expect(event('EVENT_DISPATCH_NEW', { dispatch })).toMatchObject({
      dispatch: { notes: [{ type: 'text', content: 'Caller hung up' }] },
    });
    expect(event('EVENT_DISPATCH_NEW', { dispatch: { callId: 1, notes: '' } })).toMatchObject({
      dispatch: { notes: [] },
    });
    expect(event('EVENT_DISPATCH_EDIT', { dispatch: { callId: 1 } })).toMatchObject({
      dispatch: { notes: [], idents: [], metaData: {} },
    });
  });

  it('unit status: scalar identIds, an array, or units[]', () => {
    const scalar = event('EVENT_UNIT_STATUS', { identIds: 12, status: 4 });
    expect(scalar).toStrictEqual(event('EVENT_UNIT_STATUS', { identIds: [12], status: 4 }));
    expect(scalar).toMatchObject({ statusOnly: { identIds: [12], status: 4 } });
    expect(event('EVENT_UNIT_STATUS', { units: [unitAsSent] })).toMatchObject({
      units: [{ id: 12 }],
      statusOnly: null,
    });
  });

  it('911: metaData beside call, inside call, or both (inside wins per key)', () => {
    const call = { callId: 1, caller: 'A', location: 'B', description: 'C' };
    expect(event('EVENT_911', { call, metaData: { a: '1' } })).toMatchObject({
      call: { metaData: { a: '1' } },
    });
    expect(event('EVENT_911', { call: { ...call, metaData: { b: '2' } } })).toMatchObject({
      call: { metaData: { b: '2' } },
    });
    const both = event('EVENT_911', {
      call: { ...call, metaData: { a: 'in', b: '2' } },
      metaData: { a: 'out', c: '3' },
    });
    expect(both).toMatchObject({ call: { metaData: { a: 'in', b: '2', c: '3' } } });
    expect(event('EVENT_911', { call })).toMatchObject({ call: { metaData: {} }, identities: [] });
  });

  it('911: identities from identities, communityUserIds, apiIds and communityUserId, without duplicates', () => {
    const call = { callId: 1 };
    expect(event('EVENT_911', { call, identities: ['license:a'] })).toMatchObject({
      identities: ['license:a'],
    });
    expect(event('EVENT_911', { call, communityUserIds: ['license:b'] })).toMatchObject({
      identities: ['license:b'],
    });
    expect(event('EVENT_911', { call, communityUserId: 'license:c' })).toMatchObject({
      identities: ['license:c'],
    });
    expect(
      event('EVENT_911', {
        call,
        identities: ['license:a', 'steam:1'],
        communityUserIds: ['license:b'],
        apiIds: ['steam:1'],
        communityUserId: 'license:a',
      }),
    ).toMatchObject({ identities: ['license:a', 'steam:1', 'license:b'] });
  });

  it('station alert: a single color', () => {
    expect(event('EVENT_STATION_ALERT', { message: 'Go', color: 'red' })).toStrictEqual({
      type: 'EVENT_STATION_ALERT',
      locations: [],
      message: 'Go',
      colors: ['red'],
      tone: undefined,
    });
  });

  it('pager: players instead of identIds', () => {
    expect(event('EVENT_PAGER_REBORN', { players: [12, 34], body: 'Page' })).toMatchObject({
      identIds: [12, 34],
    });
  });

  it('group add: identId or identIds, under data or at the top level of the body', () => {
    const expected = { type: 'EVENT_UNIT_GROUP_ADD', groupName: 'E1', identIds: [5] };
    expect(event('EVENT_UNIT_GROUP_ADD', { groupName: 'E1', identId: 5 })).toStrictEqual(expected);
    expect(event('EVENT_UNIT_GROUP_ADD', { groupName: 'E1' }, { identId: 5 })).toStrictEqual(expected);
    expect(event('EVENT_UNIT_GROUP_ADD', { groupName: 'E1' }, { identIds: [5] })).toStrictEqual(expected);
    // The documented place wins when both are present.
    expect(
      event('EVENT_UNIT_GROUP_ADD', { groupName: 'E1', identIds: [5] }, { identIds: [9] }),
    ).toStrictEqual(expected);
  });

  it('bodycam: ident as a string or a number', () => {
    const expected = { type: 'EVENT_DISPATCH_TOGGLE_BODYCAM', ident: 12, state: false };
    expect(event('EVENT_DISPATCH_TOGGLE_BODYCAM', { ident: '12', state: false })).toStrictEqual(expected);
    expect(event('EVENT_DISPATCH_TOGGLE_BODYCAM', { ident: 12, state: false })).toStrictEqual(expected);
  });

  it('char selected: id as a number or a sync-key string, kept as sent', () => {
    expect(event('EVENT_CHAR_SELECTED', { id: 'steam:1100001' })).toMatchObject({ id: 'steam:1100001' });
    expect(event('EVENT_CHAR_SELECTED', { id: '42' })).toMatchObject({ id: '42' });
    expect(event('EVENT_CHAR_SELECTED', { id: 42 })).toMatchObject({ id: 42 });
  });

  it('attach/detach: a single ident, or idents (which win)', () => {
    expect(event('EVENT_DISPATCH_UNIT_ATTACH', { callId: 1, ident: 12 })).toMatchObject({ idents: [12] });
    expect(event('EVENT_DISPATCH_UNIT_DETACH', { callId: 1, ident: 12, idents: [34] })).toMatchObject({
      idents: [34],
    });
  });

  it('numeric strings where an integer is documented', () => {
    expect(event('EVENT_UNIT_PANIC', { identIds: ['12', 13], isPanic: true })).toMatchObject({
      identIds: [12, 13],
    });
    expect(event('EVENT_UNIT_LOGOUT', { identId: '12' })).toStrictEqual({
      type: 'EVENT_UNIT_LOGOUT',
      identId: 12,
    });
    expect(event('EVENT_DISPATCH_NOTE', { callId: '1001', note: 'x' })).toMatchObject({ callId: 1001 });
    expect(event('GET_LOGS', undefined, { logKey: '48213' })).toStrictEqual({
      type: 'GET_LOGS',
      logKey: 48213,
    });
  });

  it('unit: legacy apiId1/apiId2, null optional fields, isDispatch copied on at login', () => {
    const login = event('EVENT_UNIT_LOGIN', {
      unit: { id: 3, location: null, data: { apiId1: 'steam:1', apiId2: '', unitNum: 101 } },
      isDispatch: true,
    });
    expect(login).toMatchObject({
      isDispatch: true,
      unit: { id: 3, isDispatch: true, location: undefined, data: { apiIds: ['steam:1'], unitNum: '101' } },
    });
    expect(event('EVENT_UNIT_LOGIN', { unit: { id: 4 } })).toMatchObject({
      unit: { id: 4, data: { apiIds: [] } },
    });
  });

  it('unknown extra fields pass through opaque objects', () => {
    const unit = {
      ...unitAsSent,
      shiny: { new: true },
      data: { ...(unitAsSent.data as object), badge: 'X1' },
    };
    expect(event('EVENT_UNIT_LOGIN', { unit })).toMatchObject({
      unit: { shiny: { new: true }, data: { badge: 'X1' } },
    });
    expect(event('EVENT_DISPATCH_NEW', { dispatch: { callId: 1, sceneId: 'S1' } })).toMatchObject({
      dispatch: { sceneId: 'S1' },
    });
    expect(event('EVENT_STREETSIGN_UPDATED', { signData: { ids: [1], color: 'amber' } })).toMatchObject({
      signData: { color: 'amber' },
    });
    expect(event('EVENT_RECORD_ADD', { record: { id: 1, sections: [{ label: 'S' }] } })).toMatchObject({
      record: { sections: [{ label: 'S' }] },
    });
    expect(event('EVENT_NEW_CALLOUT', { callout: { anything: [1] } })).toMatchObject({
      callout: { anything: [1] },
    });
  });

  it('record printer: the older unitId', () => {
    expect(event('EVENT_PRINT_RECORD', { unitId: 12, url: 'https://x/y.pdf' })).toMatchObject({
      identId: 12,
    });
  });
});

describe('aliases', () => {
  it.each([
    ['EVENT_DISPATCH_CLOSE', { callIds: [1] }, 'EVENT_DISPATCH_CLOSED'],
    ['EVENT_UNIT_ATTACH', { callId: 1, ident: 2 }, 'EVENT_DISPATCH_UNIT_ATTACH'],
    ['EVENT_UNIT_DETACH', { callId: 1, ident: 2 }, 'EVENT_DISPATCH_UNIT_DETACH'],
    ['TOGGLE_BODYCAM', { ident: '2', state: true }, 'EVENT_DISPATCH_TOGGLE_BODYCAM'],
    ['event_unit_logout', { identId: 2 }, 'EVENT_UNIT_LOGOUT'],
  ])('%s is read as %s', (type, data, canonical) => {
    expect(event(type, data).type).toBe(canonical);
  });
});
