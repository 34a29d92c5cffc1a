/**
 * Dispatch assignments through the FXServer double: only the attached unit's player hears of a call,
 * where its route goes, detach, close and notes; the dispatcher rule for 911 calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchAssigned } from '../../src/shared/alert-payloads';
import { NetEvents } from '../../src/shared/events';
import {
  logInUnits,
  OFFICER,
  OFFICER_UNIT,
  PARTNER,
  PARTNER_UNIT,
  SAME_IP_UNIT,
  SUPERVISOR,
  startWorld,
  unit,
  type World,
} from './world';

let world: World;
afterEach(async () => {
  await world.close();
});

const DISPATCH_EVENTS = [
  NetEvents.DispatchAssigned,
  NetEvents.DispatchDetached,
  NetEvents.DispatchClosed,
  NetEvents.DispatchNote,
];

const dispatch = (change: Record<string, unknown> = {}) => ({
  callId: 55,
  origin: 0,
  status: 1,
  priority: 2,
  block: '123',
  address: 'Route 68',
  postal: '',
  title: 'Vehicle collision',
  code: '10-50',
  description: 'Two vehicles, one overturned',
  notes: [],
  idents: [],
  metaData: {},
  ...change,
});
const newCall = (change: Record<string, unknown> = {}) =>
  world.push('EVENT_DISPATCH_NEW', { dispatch: dispatch(change) });
const attach = (callId: number, ident: number) => world.push('EVENT_DISPATCH_UNIT_ATTACH', { callId, ident });
const assignedTo = (player: number) =>
  world.sent(NetEvents.DispatchAssigned).find((event) => event.target === player)?.args[0] as
    | DispatchAssigned
    | undefined;
/** Every dispatch net event, as [name, target, payload]. */
const dispatchEvents = () =>
  world.server.netEvents
    .filter((event) => (DISPATCH_EVENTS as string[]).includes(event.name))
    .map((event) => [event.name, event.target, event.args[0]]);
const POSTALS = { 'postals.json': JSON.stringify({ 8061: { x: 231.5, y: -791.2 } }) };

describe('an assignment', () => {
  it("reaches only the attached unit's player, routed to the 911 caller it came from", async () => {
    world = await startWorld();
    await logInUnits(world);
    await world.push('EVENT_911', {
      call: {
        callId: 1234,
        isEmergency: true,
        caller: 'John Doe',
        location: 'Route 68',
        description: 'Crash',
        metaData: { x: '1200.5', y: '2650.25', z: '38' },
      },
    });
    // The CAD may remove the 911 call once it became a dispatch.
    await world.push('EVENT_REMOVE_911', { callIds: [1234] });
    world.clearEvents();
    await newCall({ metaData: { origin911: 1234 } });
    expect(world.server.netEvents).toEqual([]);
    await attach(55, OFFICER_UNIT);
    expect(world.server.netEvents.map((event) => [event.name, event.target])).toEqual([
      [NetEvents.DispatchAssigned, OFFICER],
    ]);
    expect(assignedTo(OFFICER)).toEqual({
      callId: 55,
      code: '10-50',
      title: 'Vehicle collision',
      location: '123 Route 68',
      postal: '',
      description: 'Two vehicles, one overturned',
      position: { x: 1200.5, y: 2650.25, z: 38 },
      look: {
        sound: { name: 'Menu_Accept', set: 'Phone_SoundSet_Default' },
        blip: { sprite: 1, colour: 5, scale: 1, flash: false, route: true, shortRange: false },
        expireSeconds: 3600,
        ui: { maxCards: 4, panicMutable: false, repeatSeconds: 10 },
        chat: false,
        notify: 'auto',
      },
    });
  });

  it('gets nothing to a unit with no online player', async () => {
    world = await startWorld();
    await logInUnits(world);
    await newCall();
    // 99 never logged in; SAME_IP_UNIT is logged in but shares only an IP with a player.
    await world.push('EVENT_DISPATCH_UNIT_ATTACH', { callId: 55, idents: [99, SAME_IP_UNIT] });
    await world.push('EVENT_DISPATCH_NOTE', { callId: 55, note: { label: 'D-1', content: 'Hurry' } });
    await world.push('EVENT_DISPATCH_CLOSED', { callIds: [55] });
    expect(world.server.netEvents).toEqual([]);
  });

  it('goes to the call of an attach the cache never saw, by number only', async () => {
    world = await startWorld();
    await logInUnits(world);
    await attach(77, OFFICER_UNIT);
    expect(assignedTo(OFFICER)).toMatchObject({ callId: 77, title: '', location: '', position: null });
  });

  it('from a new or edited call tells only the units it newly lists, and those it drops', async () => {
    world = await startWorld();
    await logInUnits(world);
    await newCall({ idents: [OFFICER_UNIT] });
    await world.push('EVENT_DISPATCH_EDIT', { dispatch: dispatch({ idents: [OFFICER_UNIT, PARTNER_UNIT] }) });
    // The CAD may send the attach as well: it tells no one twice.
    await attach(55, PARTNER_UNIT);
    await world.push('EVENT_DISPATCH_EDIT', { dispatch: dispatch({ idents: [PARTNER_UNIT] }) });
    expect(dispatchEvents()).toEqual([
      [NetEvents.DispatchAssigned, OFFICER, expect.objectContaining({ callId: 55 })],
      [NetEvents.DispatchAssigned, PARTNER, expect.objectContaining({ callId: 55 })],
      [NetEvents.DispatchDetached, OFFICER, { callId: 55, chat: false, notify: 'auto' }],
    ]);
  });

  it('sends an edit to the units that stay on the call, so what they show follows it', async () => {
    world = await startWorld();
    await logInUnits(world);
    await newCall({ idents: [OFFICER_UNIT] });
    world.clearEvents();
    await world.push('EVENT_DISPATCH_EDIT', {
      dispatch: dispatch({ idents: [OFFICER_UNIT, PARTNER_UNIT], title: 'Collision, fire' }),
    });
    expect(world.sent(NetEvents.DispatchUpdated).map((event) => [event.target, event.args[0]])).toEqual([
      [OFFICER, expect.objectContaining({ callId: 55, title: 'Collision, fire' })],
    ]);
    expect(world.targets(NetEvents.DispatchAssigned)).toEqual([PARTNER]);
  });

  it('ends with a detach or with the call closing, one notice per player', async () => {
    world = await startWorld();
    await logInUnits(world);
    await newCall({ idents: [OFFICER_UNIT, PARTNER_UNIT] });
    await newCall({ callId: 56, idents: [OFFICER_UNIT] });
    await world.push('EVENT_DISPATCH_UNIT_DETACH', { callId: 55, ident: PARTNER_UNIT });
    // A second detach of a unit no longer attached says nothing.
    await world.push('EVENT_DISPATCH_UNIT_DETACH', { callId: 55, ident: PARTNER_UNIT });
    world.clearEvents();
    await world.push('EVENT_DISPATCH_CLOSED', { callIds: [55, 56, 57] });
    await world.push('EVENT_DISPATCH_CLOSED', { callIds: [55] });
    expect(dispatchEvents()).toEqual([
      [NetEvents.DispatchClosed, OFFICER, { callIds: [55, 56], chat: false, notify: 'auto' }],
    ]);
  });

  it('still ends after sonorancad reload, which keeps what the clients show', async () => {
    world = await startWorld();
    await logInUnits(world);
    await newCall({ idents: [OFFICER_UNIT] });
    await newCall({ callId: 56, idents: [PARTNER_UNIT] });
    world.server.runCommand('sonorancad', 0, ['reload']);
    world.clearEvents();
    await world.push('EVENT_DISPATCH_CLOSED', { callIds: [55] });
    await world.push('EVENT_DISPATCH_UNIT_DETACH', { callId: 56, ident: PARTNER_UNIT });
    expect(dispatchEvents()).toEqual([
      [NetEvents.DispatchClosed, OFFICER, { callIds: [55], chat: false, notify: 'auto' }],
      [NetEvents.DispatchDetached, PARTNER, { callId: 56, chat: false, notify: 'auto' }],
    ]);
  });

  it('ends when an edit closes the call', async () => {
    world = await startWorld();
    await logInUnits(world);
    await newCall({ idents: [PARTNER_UNIT] });
    await world.push('EVENT_DISPATCH_EDIT', { dispatch: dispatch({ status: 2, idents: [PARTNER_UNIT] }) });
    // The close push that follows tells no one again.
    await world.push('EVENT_DISPATCH_CLOSED', { callIds: [55] });
    expect(world.targets(NetEvents.DispatchClosed)).toEqual([PARTNER]);
  });
});

describe('where the route goes', () => {
  it("is the call's own coordinates, else its postal, else nowhere", async () => {
    world = await startWorld({ alerts: { postalFile: 'postals.json' }, files: POSTALS });
    await logInUnits(world);
    await newCall({ callId: 1, idents: [OFFICER_UNIT], metaData: { x: 10.5, y: '-20', z: '3' } });
    await newCall({ callId: 2, idents: [OFFICER_UNIT], postal: ' 8061 ' });
    await newCall({ callId: 3, idents: [OFFICER_UNIT], postal: '9999', metaData: { origin911: 4444 } });
    expect(
      world.sent(NetEvents.DispatchAssigned).map((event) => (event.args[0] as DispatchAssigned).position),
    ).toEqual([{ x: 10.5, y: -20, z: 3 }, { x: 231.5, y: -791.2, z: 0 }, null]);
  });
});

describe('a note', () => {
  it("reaches the attached units' players, shortened, and nobody else", async () => {
    world = await startWorld();
    await logInUnits(world);
    await newCall({ idents: [OFFICER_UNIT, PARTNER_UNIT] });
    world.clearEvents();
    await world.push('EVENT_DISPATCH_NOTE', {
      callId: 55,
      note: {
        time: '12:00:00',
        label: 'D-1',
        type: 'text',
        content: `Suspect fled north ${'x'.repeat(600)}`,
      },
    });
    await world.push('EVENT_DISPATCH_NOTE', { callId: 55, note: '   ' });
    expect(world.targets(NetEvents.DispatchNote)).toEqual([OFFICER, PARTNER]);
    const note = world.sent(NetEvents.DispatchNote)[0]?.args[0] as { note: string; author: string };
    expect(note.author).toBe('D-1');
    expect(note.note.startsWith('Suspect fled north')).toBe(true);
    expect(note.note.length).toBe(400);
  });
});

describe('configuration', () => {
  it('carries alerts.notify and the dispatch look into every payload', async () => {
    world = await startWorld({
      alerts: {
        notify: 'ox_lib',
        dispatch: { chat: true, sound: { enabled: false }, blip: { route: false } },
      },
    });
    await logInUnits(world);
    await newCall({ idents: [OFFICER_UNIT] });
    await world.push('EVENT_DISPATCH_UNIT_DETACH', { callId: 55, ident: OFFICER_UNIT });
    expect(assignedTo(OFFICER)?.look).toMatchObject({ sound: null, chat: true, notify: 'ox_lib' });
    expect(assignedTo(OFFICER)?.look.blip.route).toBe(false);
    expect(world.sent(NetEvents.DispatchDetached)[0]?.args[0]).toEqual({
      callId: 55,
      chat: true,
      notify: 'ox_lib',
    });
  });

  it('turns assignments off with alerts.dispatch.enabled false', async () => {
    world = await startWorld({ alerts: { dispatch: { enabled: false } } });
    await logInUnits(world);
    await newCall({ idents: [OFFICER_UNIT] });
    await attach(55, PARTNER_UNIT);
    expect(world.server.netEvents).toEqual([]);
  });

  it('sends nothing to a player who muted alerts', async () => {
    world = await startWorld();
    await logInUnits(world);
    world.server.runCommand('cadalerts', OFFICER, ['off']);
    world.clearEvents();
    await newCall({ idents: [OFFICER_UNIT] });
    expect(world.server.netEvents).toEqual([]);
  });
});

describe('quiet while a dispatcher is online', () => {
  const DISPATCHER = unit(30, { apiIds: ['nobody-in-game'] }, 'DISP-1');
  const call911 = (callId: number) =>
    world.push('EVENT_911', { call: { callId, isEmergency: true, caller: 'Jane', metaData: {} } });

  it('keeps 911 calls from on-duty units while a dispatcher is logged in; ACE holders still get them', async () => {
    world = await startWorld({ alerts: { emergencyCall: { quietWhileDispatcherOnline: true } } });
    await logInUnits(world);
    await world.push('EVENT_UNIT_LOGIN', { unit: DISPATCHER, isDispatch: true });
    await call911(1);
    expect(world.targets(NetEvents.EmergencyCall)).toEqual([SUPERVISOR]);
    await world.push('EVENT_UNIT_LOGOUT', { identId: 30 });
    world.clearEvents();
    await call911(2);
    expect(world.targets(NetEvents.EmergencyCall)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
  });

  it('is off by default', async () => {
    world = await startWorld();
    await logInUnits(world);
    await world.push('EVENT_UNIT_LOGIN', { unit: DISPATCHER, isDispatch: true });
    await call911(1);
    expect(world.targets(NetEvents.EmergencyCall)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
  });

  it('shows in sonorancad status', async () => {
    world = await startWorld();
    await logInUnits(world);
    const status = () => {
      const from = world.server.logs.length;
      world.server.runCommand('sonorancad', 0, ['status']);
      return world.server.logs.slice(from).join('\n');
    };
    expect(status()).toContain('CAD units logged in: 3; no dispatcher online.');
    // A status update keeps what the login said.
    await world.push('EVENT_UNIT_LOGIN', { unit: DISPATCHER, isDispatch: true });
    await world.push('EVENT_UNIT_STATUS', { units: [{ ...DISPATCHER, status: 1 }] });
    expect(status()).toContain('CAD units logged in: 4; a dispatcher is online.');
  });
});
