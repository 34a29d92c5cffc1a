/** 911 alerts through the FXServer double: recipients, payload, blip position, silence, removal. */
import { afterEach, describe, expect, it } from 'vitest';
import type { EmergencyCallAlert } from '../../src/shared/alert-payloads';
import { NetEvents } from '../../src/shared/events';
import { sample } from '../helpers/samples';
import {
  CIVILIAN,
  cast,
  logInUnits,
  OFFICER,
  PARTNER,
  SAME_IP,
  SUPERVISOR,
  startWorld,
  type World,
} from './world';

const sampleData = () => sample('EVENT_911.object.json').data as { call: Record<string, unknown> };

let world: World;
afterEach(async () => {
  await world.close();
});

const callTo = (player: number) =>
  world.sent(NetEvents.EmergencyCall).find((event) => event.target === player)?.args[0] as
    | EmergencyCallAlert
    | undefined;

describe('a 911 call', () => {
  it('reaches on-duty players and ACE holders with everything they need, and no one else', async () => {
    world = await startWorld();
    await logInUnits(world);
    await world.push('EVENT_911', sampleData());
    expect(world.targets(NetEvents.EmergencyCall)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(world.server.netEvents.filter((event) => [CIVILIAN, SAME_IP].includes(event.target))).toEqual([]);
    expect(callTo(OFFICER)).toEqual({
      callId: 1234,
      label: '911',
      emergency: true,
      caller: 'John Doe',
      location: 'Alta St / Las Lagunas Blvd',
      description: 'Shots fired outside the bank',
      postal: '8061',
      position: { x: 231.52, y: -791.23, z: 30.6 },
      look: {
        sound: { name: 'Event_Start_Text', set: 'GTAO_FM_Events_Soundset' },
        blip: { sprite: 459, colour: 59, scale: 1, flash: false, route: false, shortRange: false },
        expireSeconds: 180,
        ui: { maxCards: 4, panicMutable: false, repeatSeconds: 10 },
        chat: false,
        notify: 'auto',
      },
      raiser: false,
    });
  });

  it('with ps-dispatch, marks exactly one recipient to raise it: the lowest player id, in any list order', async () => {
    world = await startWorld({ alerts: { notify: 'ps-dispatch' }, players: cast().reverse() });
    await logInUnits(world);
    await world.push('EVENT_911', sampleData());
    const raisers = () =>
      world
        .sent(NetEvents.EmergencyCall)
        .filter((event) => (event.args[0] as EmergencyCallAlert).raiser)
        .map((event) => event.target);
    expect(world.targets(NetEvents.EmergencyCall)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(raisers()).toEqual([OFFICER]);

    // The same choice for the next call; a muted player is no recipient, so the next one raises it.
    world.clearEvents();
    await world.push('EVENT_911', sampleData());
    expect(raisers()).toEqual([OFFICER]);
    world.server.runCommand('cadalerts', OFFICER, ['off']);
    world.clearEvents();
    await world.push('EVENT_911', sampleData());
    expect(world.targets(NetEvents.EmergencyCall)).toEqual([PARTNER, SUPERVISOR]);
    expect(raisers()).toEqual([PARTNER]);
  });

  it('is civil, silent and without a blip as the call says', async () => {
    world = await startWorld({ alerts: { chat: true } });
    await logInUnits(world);
    const data = sampleData();
    data.call.isEmergency = false;
    data.call.metaData = { silentAlert: 'true', postal: '8061' };
    await world.push('EVENT_911', data);
    expect(callTo(OFFICER)).toMatchObject({ label: '311', emergency: false, position: null, postal: '8061' });
    expect(callTo(OFFICER)?.look).toMatchObject({ sound: null, chat: true });
  });

  it('finds the caller by postal when the call has no coordinates and a postal table is set', async () => {
    const postals = JSON.stringify([{ code: '8061', x: 215.1, y: -810.4 }]);
    world = await startWorld({ alerts: { postalFile: 'postals.json' }, files: { 'postals.json': postals } });
    await logInUnits(world);
    const data = sampleData();
    data.call.metaData = { postal: '8061' };
    await world.push('EVENT_911', data);
    expect(callTo(OFFICER)?.position).toEqual({ x: 215.1, y: -810.4, z: 0 });
    expect(world.server.logs.join('\n')).toContain('Loaded 1 postals from postals.json');
  });

  it('reads the object form of the postal table, and says so when the file is unusable', async () => {
    world = await startWorld({
      alerts: { postalFile: 'postals.json' },
      files: { 'postals.json': JSON.stringify({ 8061: { x: 1, y: 2 } }) },
    });
    await logInUnits(world);
    await world.push('EVENT_911', { call: { callId: 5, caller: 'A', metaData: { postal: '8061' } } });
    expect(callTo(OFFICER)?.position).toEqual({ x: 1, y: 2, z: 0 });
    await world.close();

    world = await startWorld({
      alerts: { postalFile: 'postals.json' },
      files: { 'postals.json': '[{"code": 1}]' },
    });
    expect(world.server.logs.join('\n')).toMatch(/postals\.json is not a postal/);
  });
});

describe('removing 911 calls', () => {
  it('reaches exactly the players the calls were shown to', async () => {
    world = await startWorld();
    await logInUnits(world);
    await world.push('EVENT_911', sampleData());
    world.server.runCommand('cadalerts', PARTNER, ['off']);
    await world.push('EVENT_REMOVE_911', { callIds: [1234, 777] });
    expect(world.targets(NetEvents.EmergencyCallsRemoved)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(world.sent(NetEvents.EmergencyCallsRemoved)[0]?.args[0]).toEqual({ callIds: [1234] });

    world.clearEvents();
    await world.push('EVENT_REMOVE_911', { callIds: [1234] });
    expect(world.sent(NetEvents.EmergencyCallsRemoved)).toEqual([]);
  });
});
