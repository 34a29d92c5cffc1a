/** `sonorancad simulate`: the same path as a real push, local events included. */
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchAssigned } from '../../src/shared/alert-payloads';
import { LocalEvents, NetEvents } from '../../src/shared/events';
import {
  CIVILIAN,
  logInUnits,
  OFFICER,
  OFFICER_UNIT,
  PARTNER,
  SUPERVISOR,
  startWorld,
  type World,
} from '../alerts/world';

let world: World;
afterEach(async () => {
  await world.close();
});

const simulate = (source: number, ...args: string[]) =>
  world.server.runCommand('sonorancad', source, ['simulate', ...args]);
const local = (name: string) => world.server.localEvents.filter((event) => event.name === name);

describe('sonorancad simulate', () => {
  it('panic <player> alerts as the real push would, and fires the local events', async () => {
    world = await startWorld();
    await logInUnits(world);
    simulate(0, 'panic', String(OFFICER));
    expect(world.targets(NetEvents.PanicAlert)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(world.sent(NetEvents.PanicAlert)[0]?.args[0]).toMatchObject({
      identId: OFFICER_UNIT,
      position: { x: 100, y: -200, z: 30 },
    });
    expect(local(LocalEvents.UnitPanic).map((event) => event.args.slice(1))).toEqual([[OFFICER_UNIT, true]]);

    simulate(0, 'panic', String(OFFICER), 'off');
    expect(world.targets(NetEvents.PanicCleared)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
  });

  it('panic for a player without a unit alerts as an unknown unit and says why', async () => {
    world = await startWorld();
    await logInUnits(world);
    simulate(0, 'panic', String(CIVILIAN));
    expect(world.sent(NetEvents.PanicAlert)[0]?.args[0]).toMatchObject({
      identId: -CIVILIAN,
      unit: null,
      position: null,
    });
    expect(world.server.logs.join('\n')).toContain(
      `Player ${CIVILIAN} is not linked to a logged-in CAD unit`,
    );
  });

  it('911 [player] places a call where the player stands', async () => {
    world = await startWorld();
    await logInUnits(world);
    simulate(SUPERVISOR, '911', String(PARTNER));
    // The supervisor holds sonorancad.alerts but not sonorancad.admin.
    expect(world.sent(NetEvents.EmergencyCall)).toEqual([]);
    simulate(0, '911', String(PARTNER));
    expect(world.targets(NetEvents.EmergencyCall)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(world.sent(NetEvents.EmergencyCall)[0]?.args[0]).toMatchObject({
      callId: -1,
      caller: 'Dana',
      position: { x: 0, y: 0, z: 0 },
    });
    expect(local(LocalEvents.IncomingCadCall)).toHaveLength(1);
  });

  it('is open to players with the admin ACE, and uses their own position by default', async () => {
    world = await startWorld({
      players: [
        {
          id: 7,
          name: 'Admin',
          identifiers: ['license:777'],
          aces: ['sonorancad'],
          position: { x: 5, y: 6, z: 7 },
        },
      ],
    });
    simulate(7, '911');
    expect(world.sent(NetEvents.EmergencyCall)[0]).toMatchObject({
      target: 7,
      args: [{ caller: 'Admin', position: { x: 5, y: 6, z: 7 } }],
    });
  });
});

describe('sonorancad simulate attach|detach|note', () => {
  const lastLog = () => world.server.logs.at(-1) ?? '';
  const assignedTo = (player: number) =>
    world.sent(NetEvents.DispatchAssigned).find((event) => event.target === player)?.args[0] as
      | DispatchAssigned
      | undefined;

  it('attach makes a call where the player stands and assigns it, through the local events', async () => {
    world = await startWorld();
    await logInUnits(world);
    simulate(0, 'attach', String(OFFICER));
    expect(world.targets(NetEvents.DispatchAssigned)).toEqual([OFFICER]);
    expect(assignedTo(OFFICER)).toMatchObject({
      callId: -1,
      title: 'Simulated call',
      position: { x: 100, y: -200, z: 30 },
    });
    expect(local(LocalEvents.DispatchEvent)).toHaveLength(1);
    expect(local(LocalEvents.UnitAttach)).toHaveLength(1);
    expect(lastLog()).toContain(`Simulated attaching unit ${OFFICER_UNIT} to call -1 (player ${OFFICER}).`);

    simulate(0, 'note', String(OFFICER));
    expect(world.sent(NetEvents.DispatchNote).map((event) => [event.target, event.args[0]])).toEqual([
      [OFFICER, expect.objectContaining({ callId: -1, author: 'SIM' })],
    ]);
    simulate(0, 'detach', String(OFFICER));
    expect(world.sent(NetEvents.DispatchDetached).map((event) => [event.target, event.args[0]])).toEqual([
      [OFFICER, { callId: -1, chat: false, notify: 'auto' }],
    ]);
  });

  it('attach to a given call, and detach from it', async () => {
    world = await startWorld();
    await logInUnits(world);
    await world.push('EVENT_DISPATCH_NEW', {
      dispatch: { callId: 900, title: 'Vehicle collision', idents: [], notes: [], metaData: {} },
    });
    simulate(0, 'attach', String(PARTNER), '900');
    expect(assignedTo(PARTNER)).toMatchObject({ callId: 900, title: 'Vehicle collision' });
    simulate(0, 'detach', String(PARTNER), '900');
    expect(world.targets(NetEvents.DispatchDetached)).toEqual([PARTNER]);
  });

  it('says why nothing happens', async () => {
    world = await startWorld();
    await logInUnits(world);
    simulate(0, 'attach', String(CIVILIAN));
    expect(lastLog()).toContain(`Player ${CIVILIAN} is not linked to a logged-in CAD unit`);
    simulate(0, 'detach', String(OFFICER));
    expect(lastLog()).toContain(`No simulated call for player ${OFFICER} yet`);
    simulate(0, 'note', String(OFFICER), 'abc');
    expect(lastLog()).toContain('"abc" is not a call id');
    simulate(0, 'attach', '42');
    expect(lastLog()).toContain('No connected player "42"');
    expect(world.server.netEvents).toEqual([]);
  });
});
