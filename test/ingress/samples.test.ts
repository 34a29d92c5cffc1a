/** Every Sonoran sample body, in both the docs' and the official resource's shape, over a real socket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEvents } from '../../src/shared/events';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { sample, sampleFiles } from '../helpers/samples';

/** The official event each type must fire whatever the caches hold. */
const expected: Record<string, string> = {
  EVENT_911: LocalEvents.IncomingCadCall,
  EVENT_REMOVE_911: LocalEvents.CadCallRemoved,
  EVENT_UNIT_PANIC: LocalEvents.UnitPanic,
  EVENT_UNIT_LOGIN: LocalEvents.UnitLogin,
  EVENT_UNIT_LOGOUT: LocalEvents.UnitLogout,
  EVENT_UNIT_UPDATE: LocalEvents.UnitUpdate,
  EVENT_UNIT_GROUP_ADD: LocalEvents.UnitGroupAdd,
  EVENT_UNIT_GROUP_REMOVE: LocalEvents.UnitGroupRemove,
  EVENT_UNIT_GROUP_CHANGE_NAME: LocalEvents.UnitGroupRename,
  EVENT_DISPATCH_NEW: LocalEvents.DispatchEvent,
  EVENT_DISPATCH_EDIT: LocalEvents.DispatchEdit,
  EVENT_DISPATCH_CLOSED: LocalEvents.DispatchEvent,
  EVENT_DISPATCH_NOTE: LocalEvents.DispatchNote,
  EVENT_RECORD_ADD: LocalEvents.RecordAdded,
  EVENT_RECORD_EDIT: LocalEvents.RecordEdited,
  EVENT_RECORD_REMOVE: LocalEvents.RecordRemoved,
  EVENT_TONE: LocalEvents.Tone,
  EVENT_STREETSIGN_UPDATED: LocalEvents.SmartSignUpdate,
  EVENT_CHAR_SELECTED: LocalEvents.CharacterSelected,
  EVENT_COMMUNITY_LINK_VERIFIED: LocalEvents.CommunityLinkVerified,
  GET_LOGS: LocalEvents.SendSupportLogs,
  // No official handler: re-emitted for the resources that consume them.
  EVENT_STATION_ALERT: LocalEvents.OtherEvent,
  EVENT_PAGER_REBORN: LocalEvents.OtherEvent,
  EVENT_NEW_CALLOUT: LocalEvents.OtherEvent,
  EVENT_DISPATCH_TOGGLE_BODYCAM: LocalEvents.OtherEvent,
  EVENT_PRINT_RECORD: LocalEvents.OtherEvent,
};

let res: TestResource;
beforeAll(async () => {
  res = await startResource();
});
afterAll(async () => {
  res.server.assertHealthy();
  await res.close();
});

describe.each(sampleFiles)('%s', (file) => {
  it('is understood (200) and re-emitted', async () => {
    const body = sample(file);
    const type = String(body.type);
    const before = res.server.localEvents.length;
    const reply = await post(res.server.baseUrl, '/sonorancad/event', { body: JSON.stringify(body) });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ok: true });

    const fired = res.server.localEvents.slice(before);
    const received = fired.at(-1);
    expect(received?.name).toBe(LocalEvents.Received);
    expect(received?.args[0]).toBe(type);
    if (expected[type]) expect(fired.map((e) => e.name)).toContain(expected[type]);
    // Nothing the resource emits may carry the key.
    expect(JSON.stringify(fired)).not.toContain(String(body.key));
  });
});
