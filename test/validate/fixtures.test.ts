import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../src/core/validate/catalogue';
import { validatePush } from '../../src/core/validate/validate';
import { envelopeOf, fixture, fixtureBody, fixtureFiles } from '../helpers/sample-envelopes';

function understood(file: string): PushEvent {
  const result = validatePush(fixture(file));
  if (!result.understood) throw new Error(`${file}: ${result.reason}`);
  return result.event;
}

/** data of a fixture, unwrapped from the docs' one-element array. */
function dataOf(file: string): Record<string, unknown> {
  const data = fixtureBody(file).data;
  return (Array.isArray(data) ? data[0] : data) as Record<string, unknown>;
}

const loginUnit = {
  id: 12,
  accId: '6b0f7f8e-2c1d-4a4e-9f3b-1f2e3d4c5b6a',
  status: 2,
  isPanic: false,
  location: '1234 E. Test Ave',
  aop: 'South District',
  isDispatch: false,
  data: {
    apiIds: ['steam:11000010a1b2c3d'],
    unitNum: 'A-10',
    name: 'Brian Sosnowski',
    district: 'Maricopa County',
    department: 'MCSO',
    subdivision: 'Speed Enforcement',
    rank: 'CPT',
    group: 'CAR 51',
    page: 0,
  },
};

const statusUnit = {
  ...loginUnit,
  status: 3,
  location: 'Alta St / Las Lagunas Blvd',
  data: { ...loginUnit.data, communityUserId: 'license:3f9d2a7c5e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f' },
};
const { isDispatch: _, ...statusUnitAsSent } = statusUnit;

const dispatch = {
  callId: 1001,
  origin: 0,
  status: 1,
  priority: 2,
  block: '123',
  address: '4234 E. Example Ave',
  postal: '457',
  title: 'Traffic Stop',
  code: '10-39 - Traffic Stop',
  description: 'Traffic Stop - Blue Sedan - XP123BS',
  notes: [],
  idents: [987, 123, 456],
  metaData: { origin911: 1234 },
};

// Loosely typed so the records and callouts can be read from the fixtures themselves.
const expected: Record<string, unknown> = {
  'EVENT_911.json': {
    type: 'EVENT_911',
    call: {
      callId: 1234,
      isEmergency: true,
      caller: 'John Doe',
      location: '1234 E Hawick Ave',
      description: 'This is a 911 call!',
      metaData: { someKey: 'someValue' },
    },
    identities: ['steam:11000010a1b2c3d', '11112222', 'license:3f9d2a7c5e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f'],
  },
  'EVENT_911.object.json': {
    type: 'EVENT_911',
    call: {
      callId: 1234,
      isEmergency: true,
      caller: 'John Doe',
      location: 'Alta St / Las Lagunas Blvd',
      description: 'Shots fired outside the bank',
      metaData: {
        callerPlayerId: '7',
        callerCommunityUserId: 'license:3f9d2a7c5e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f',
        uuid: '0b6c3e2a-8f1d-4c7e-9a2b-5d4f6e8a1c3b',
        silentAlert: 'false',
        useCallLocation: 'false',
        postal: '8061',
        x: '231.52',
        y: '-791.23',
        z: '30.60',
      },
    },
    identities: ['steam:11000010a1b2c3d', 'license:3f9d2a7c5e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f'],
  },
  'EVENT_REMOVE_911.json': { type: 'EVENT_REMOVE_911', callIds: [1234, 5678] },
  'EVENT_REMOVE_911.object.json': { type: 'EVENT_REMOVE_911', callIds: [1234, 5678] },
  'EVENT_UNIT_PANIC.json': { type: 'EVENT_UNIT_PANIC', identIds: [1, 2, 3], isPanic: true },
  'EVENT_UNIT_PANIC.object.json': { type: 'EVENT_UNIT_PANIC', identIds: [12], isPanic: true },
  'EVENT_UNIT_LOGIN.json': {
    type: 'EVENT_UNIT_LOGIN',
    unit: loginUnit,
    isDispatch: false,
    selfDispatch: false,
  },
  'EVENT_UNIT_LOGIN.object.json': {
    type: 'EVENT_UNIT_LOGIN',
    unit: { ...loginUnit, data: statusUnit.data },
    isDispatch: false,
    selfDispatch: false,
  },
  'EVENT_UNIT_LOGOUT.json': { type: 'EVENT_UNIT_LOGOUT', identId: 12 },
  'EVENT_UNIT_LOGOUT.object.json': { type: 'EVENT_UNIT_LOGOUT', identId: 12 },
  'EVENT_UNIT_STATUS.json': {
    type: 'EVENT_UNIT_STATUS',
    units: [],
    statusOnly: { identIds: [12], status: 3 },
  },
  'EVENT_UNIT_STATUS.legacy.object.json': {
    type: 'EVENT_UNIT_STATUS',
    units: [],
    statusOnly: { identIds: [12], status: 3 },
  },
  'EVENT_UNIT_STATUS.object.json': { type: 'EVENT_UNIT_STATUS', units: [statusUnitAsSent], statusOnly: null },
  'EVENT_UNIT_UPDATE.object.json': { type: 'EVENT_UNIT_UPDATE', units: [statusUnitAsSent] },
  'EVENT_UNIT_GROUP_ADD.json': {
    type: 'EVENT_UNIT_GROUP_ADD',
    groupName: 'Ladder 61',
    identIds: [12, 34, 56],
  },
  'EVENT_UNIT_GROUP_ADD.object.json': {
    type: 'EVENT_UNIT_GROUP_ADD',
    groupName: 'Ladder 61',
    identIds: [12, 34, 56],
  },
  'EVENT_UNIT_GROUP_REMOVE.json': { type: 'EVENT_UNIT_GROUP_REMOVE', groupName: 'Ladder 61', identIds: [12] },
  'EVENT_UNIT_GROUP_CHANGE_NAME.json': {
    type: 'EVENT_UNIT_GROUP_CHANGE_NAME',
    identIds: [12, 34, 56],
    oldName: 'Ladder 61',
    newName: 'Truck 61',
  },
  'EVENT_DISPATCH_NEW.json': {
    type: 'EVENT_DISPATCH_NEW',
    eventOriginIdent: 123,
    dispatch: { ...dispatch, priority: 1, postal: '456' },
  },
  'EVENT_DISPATCH_NEW.object.json': {
    type: 'EVENT_DISPATCH_NEW',
    eventOriginIdent: 123,
    dispatch: { ...dispatch, priority: 1, postal: '456', primary: 987, trackPrimary: false },
  },
  'EVENT_DISPATCH_EDIT.json': { type: 'EVENT_DISPATCH_EDIT', eventOriginIdent: 123, dispatch },
  'EVENT_DISPATCH_EDIT.object.json': {
    type: 'EVENT_DISPATCH_EDIT',
    eventOriginIdent: 123,
    dispatch: {
      ...dispatch,
      notes: [{ time: '12:00:00', label: 'A-10', type: 'text', content: 'Driver cooperative' }],
      primary: 987,
      trackPrimary: false,
    },
  },
  'EVENT_DISPATCH_CLOSED.json': {
    type: 'EVENT_DISPATCH_CLOSED',
    eventOriginIdent: 123,
    callIds: [1001, 1002],
  },
  'EVENT_DISPATCH_NOTE.json': {
    type: 'EVENT_DISPATCH_NOTE',
    callId: 1001,
    note: { time: '12:00:00', label: 'A-10', type: 'text', content: 'Some message here!' },
  },
  'EVENT_DISPATCH_UNIT_ATTACH.json': {
    type: 'EVENT_DISPATCH_UNIT_ATTACH',
    eventOriginIdent: 123,
    callId: 1001,
    idents: [12, 34],
  },
  'EVENT_DISPATCH_UNIT_DETACH.json': {
    type: 'EVENT_DISPATCH_UNIT_DETACH',
    eventOriginIdent: 123,
    callId: 1001,
    idents: [12, 34],
  },
  'EVENT_DISPATCH_TOGGLE_BODYCAM.json': { type: 'EVENT_DISPATCH_TOGGLE_BODYCAM', ident: 12, state: true },
  'EVENT_RECORD_ADD.json': { type: 'EVENT_RECORD_ADD', record: dataOf('EVENT_RECORD_ADD.json').record },
  'EVENT_RECORD_EDIT.json': { type: 'EVENT_RECORD_EDIT', record: dataOf('EVENT_RECORD_EDIT.json').record },
  'EVENT_RECORD_REMOVE.json': {
    type: 'EVENT_RECORD_REMOVE',
    record: dataOf('EVENT_RECORD_REMOVE.json').record,
  },
  'EVENT_PRINT_RECORD.object.json': {
    type: 'EVENT_PRINT_RECORD',
    identId: 12,
    url: 'https://s3.sonoransoftware.com/records/record_5678.pdf',
  },
  'EVENT_TONE.json': {
    type: 'EVENT_TONE',
    url: 'https://s3.sonoransoftware.com/someTone.mp3',
    playTonesTo: [
      { type: 1, value: 1001, label: 'Dispatch Call 1001' },
      { type: 3, value: 'Prescott PD', label: 'Prescott PD' },
    ],
  },
  'EVENT_STREETSIGN_UPDATED.json': {
    type: 'EVENT_STREETSIGN_UPDATED',
    signData: { ids: [1, 2], text1: 'ROAD CLOSED', text2: 'DETOUR', text3: 'USE ALTA ST' },
  },
  'EVENT_CHAR_SELECTED.json': {
    type: 'EVENT_CHAR_SELECTED',
    accId: '6b0f7f8e-2c1d-4a4e-9f3b-1f2e3d4c5b6a',
    id: 42,
  },
  'EVENT_COMMUNITY_LINK_VERIFIED.json': {
    type: 'EVENT_COMMUNITY_LINK_VERIFIED',
    communityUserId: 'license:3f9d2a7c5e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f',
    accountUuid: '6b0f7f8e-2c1d-4a4e-9f3b-1f2e3d4c5b6a',
  },
  'EVENT_NEW_CALLOUT.json': {
    type: 'EVENT_NEW_CALLOUT',
    callout: dataOf('EVENT_NEW_CALLOUT.json').callout,
  },
  'EVENT_NEW_CALLOUT.object.json': {
    type: 'EVENT_NEW_CALLOUT',
    callout: dataOf('EVENT_NEW_CALLOUT.object.json').callout,
  },
  'EVENT_STATION_ALERT.json': {
    type: 'EVENT_STATION_ALERT',
    locations: [{ name: 'Fire Station One', open: ['Door 1', 'Door 2'], close: ['Door 3'] }],
    message: 'Engine 1, Medic 1, respond to a structure fire at 1234 E Test St.',
    colors: ['blue'],
    tone: 'tone1',
  },
  'EVENT_PAGER_REBORN.json': {
    type: 'EVENT_PAGER_REBORN',
    addresses: ['FIRE-1', 'BATTALION-1'],
    identIds: [12, 34],
    nature: 'Administrative',
    body: 'Respond to briefing room.',
  },
  'GET_LOGS.object.json': { type: 'GET_LOGS', logKey: 48213 },
};

describe('validatePush on the Sonoran samples', () => {
  it('has an expectation for every fixture file', () => {
    expect(Object.keys(expected).sort()).toEqual(fixtureFiles);
  });

  it.each(fixtureFiles)('%s is understood and normalised', (file) => {
    expect(understood(file)).toStrictEqual(expected[file]);
  });

  it.each([
    ['EVENT_REMOVE_911.json', 'EVENT_REMOVE_911.object.json'],
    ['EVENT_UNIT_LOGOUT.json', 'EVENT_UNIT_LOGOUT.object.json'],
    ['EVENT_UNIT_STATUS.json', 'EVENT_UNIT_STATUS.legacy.object.json'],
  ])('%s (array) and %s (object) normalise to the same event', (array, object) => {
    expect(understood(array)).toStrictEqual(understood(object));
  });

  it.each(fixtureFiles.filter((file) => Array.isArray(fixtureBody(file).data)))(
    '%s gives the same event with data as an object',
    (file) => {
      const body = fixtureBody(file);
      const asObject = { ...body, data: (body.data as unknown[])[0] };
      const result = validatePush(envelopeOf(asObject));
      expect(result).toStrictEqual({ understood: true, event: understood(file) });
    },
  );
});
