/** Panic alerts through the FXServer double: who gets them, clearing, muting, following the unit. */
import { afterEach, describe, expect, it } from 'vitest';
import type { PanicAlert } from '../../src/shared/alert-payloads';
import { NetEvents } from '../../src/shared/events';
import {
  CIVILIAN,
  logInUnits,
  OFFICER,
  OFFICER_UNIT,
  PARTNER,
  PARTNER_UNIT,
  SAME_IP,
  SUPERVISOR,
  startWorld,
  unit,
  type World,
} from './world';

let world: World;
afterEach(async () => {
  await world.close();
});

const panic = (identIds: number[], isPanic = true) => world.push('EVENT_UNIT_PANIC', { identIds, isPanic });
const alertTo = (player: number) =>
  world.sent(NetEvents.PanicAlert).find((event) => event.target === player)?.args[0] as
    | PanicAlert
    | undefined;

describe('a panic press', () => {
  it('reaches on-duty players and ACE holders at once, and no one else', async () => {
    world = await startWorld();
    await logInUnits(world);
    await panic([OFFICER_UNIT]);
    expect(world.targets(NetEvents.PanicAlert)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    // Nothing at all for the civilian or for the player who only shares an IP with a unit.
    expect(world.server.netEvents.filter((event) => [CIVILIAN, SAME_IP].includes(event.target))).toEqual([]);
    expect(alertTo(SUPERVISOR)).toEqual({
      identId: OFFICER_UNIT,
      unit: { name: 'Unit 12', unitNum: 'A-12', department: 'LSPD' },
      position: { x: 100, y: -200, z: 30 },
      look: {
        sound: { name: 'Beep_Red', set: 'DLC_HEIST_HACKING_SNAKE_SOUNDS' },
        blip: { sprite: 161, colour: 1, scale: 1.2, flash: true, route: true, shortRange: false },
        expireSeconds: 300,
        ui: { maxCards: 4, panicMutable: false, repeatSeconds: 10 },
        chat: false,
        notify: 'auto',
      },
      raiser: false,
    });
  });

  it('from a unit that is not cached still alerts, as an unknown unit without a position', async () => {
    world = await startWorld();
    await logInUnits(world);
    await panic([99]);
    expect(world.targets(NetEvents.PanicAlert)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(alertTo(OFFICER)).toMatchObject({ identId: 99, unit: null, position: null });
  });

  it('goes to nobody off duty when no one is on duty and no one holds the ACE', async () => {
    world = await startWorld({ players: [{ id: CIVILIAN, name: 'Carl', identifiers: ['license:ccc111'] }] });
    await panic([OFFICER_UNIT]);
    expect(world.server.netEvents).toEqual([]);
  });

  it('follows the configured rules: everyone, or the ACE alone', async () => {
    world = await startWorld({ alerts: { panic: { recipients: ['everyone'] } } });
    await panic([OFFICER_UNIT]);
    expect(world.targets(NetEvents.PanicAlert)).toEqual([1, 2, 3, 4, 5]);
    await world.close();

    world = await startWorld({ alerts: { panic: { recipients: ['ace'], ace: 'sonorancad.alerts.panic' } } });
    await logInUnits(world);
    await panic([OFFICER_UNIT]);
    expect(world.targets(NetEvents.PanicAlert)).toEqual([SUPERVISOR]);
  });
});

describe('a panic clear', () => {
  it('removes the alert everywhere it was shown, with a notice', async () => {
    world = await startWorld();
    await logInUnits(world);
    await panic([OFFICER_UNIT]);
    await panic([OFFICER_UNIT], false);
    expect(world.targets(NetEvents.PanicCleared)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(world.sent(NetEvents.PanicCleared)[0]?.args[0]).toEqual({
      identId: OFFICER_UNIT,
      unit: { name: 'Unit 12', unitNum: 'A-12', department: 'LSPD' },
      notice: true,
      chat: false,
      notify: 'auto',
    });
  });

  it('handles several idents in one push', async () => {
    world = await startWorld();
    await logInUnits(world);
    await panic([OFFICER_UNIT, PARTNER_UNIT]);
    expect(world.sent(NetEvents.PanicAlert)).toHaveLength(6);
    await panic([OFFICER_UNIT, PARTNER_UNIT], false);
    expect(world.sent(NetEvents.PanicCleared)).toHaveLength(6);
  });
});

describe('the mute command', () => {
  it('mutes and unmutes alerts for the player who types it', async () => {
    world = await startWorld({ alerts: { muteCommand: 'quiet' } });
    await logInUnits(world);
    world.server.runCommand('quiet', PARTNER, ['off']);
    expect(world.sent(NetEvents.ChatMessage).map((event) => event.target)).toEqual([PARTNER]);
    await panic([OFFICER_UNIT]);
    expect(world.targets(NetEvents.PanicAlert)).toEqual([OFFICER, SUPERVISOR]);

    world.server.runCommand('quiet', PARTNER, ['on']);
    world.clearEvents();
    await panic([PARTNER_UNIT]);
    expect(world.targets(NetEvents.PanicAlert)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
  });
});

describe('while a panic lasts', () => {
  const fast = { panic: { refreshSeconds: 1 } };

  it('the blip follows the unit, and nothing is sent while it stands still', async () => {
    world = await startWorld({ alerts: fast });
    await logInUnits(world);
    await panic([OFFICER_UNIT]);
    world.server.setPosition(OFFICER, { x: 150, y: -250, z: 31 });
    await world.server.waitFor(() => world.sent(NetEvents.PanicMoved).length === 3);
    expect(world.targets(NetEvents.PanicMoved)).toEqual([OFFICER, PARTNER, SUPERVISOR]);
    expect(world.sent(NetEvents.PanicMoved)[0]?.args[0]).toEqual({
      moves: [{ identId: OFFICER_UNIT, position: { x: 150, y: -250, z: 31 } }],
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(world.sent(NetEvents.PanicMoved)).toHaveLength(3);
  });

  it('players who become recipients get it, players who stop being one lose it', async () => {
    world = await startWorld({ alerts: fast });
    await logInUnits(world);
    await panic([OFFICER_UNIT]);
    await world.push('EVENT_UNIT_LOGOUT', { identId: PARTNER_UNIT });
    await world.push('EVENT_UNIT_LOGIN', { unit: unit(20, { apiIds: ['ccc111'] }) });
    await world.server.waitFor(
      () => world.sent(NetEvents.PanicCleared).length > 0 && alertTo(CIVILIAN) !== undefined,
    );
    expect(world.sent(NetEvents.PanicCleared).map((event) => [event.target, event.args[0]])).toEqual([
      [PARTNER, { identId: OFFICER_UNIT, unit: null, notice: false, chat: false, notify: 'auto' }],
    ]);
    expect(alertTo(CIVILIAN)).toMatchObject({
      identId: OFFICER_UNIT,
      look: { expireSeconds: expect.any(Number) },
    });
    expect(alertTo(CIVILIAN)?.look.expireSeconds).toBeLessThanOrEqual(300);
  });

  it('with ps-dispatch, a player who becomes a recipient later does not raise it again', async () => {
    world = await startWorld({ alerts: { ...fast, notify: 'ps-dispatch' } });
    await logInUnits(world);
    await panic([OFFICER_UNIT]);
    await world.push('EVENT_UNIT_LOGIN', { unit: unit(20, { apiIds: ['ccc111'] }) });
    await world.server.waitFor(() => alertTo(CIVILIAN) !== undefined);
    expect(
      world.sent(NetEvents.PanicAlert).map((event) => [event.target, (event.args[0] as PanicAlert).raiser]),
    ).toEqual([
      [OFFICER, true],
      [PARTNER, false],
      [SUPERVISOR, false],
      [CIVILIAN, false],
    ]);
  });

  it('a player who joins with a logged-in unit is on duty; one who drops gets nothing more', async () => {
    world = await startWorld();
    await logInUnits(world);
    await world.push('EVENT_UNIT_LOGIN', { unit: unit(30, { apiIds: ['discord:7788'] }) });
    world.server.addPlayer({ id: 6, name: 'Late', identifiers: ['license:fff', 'discord:7788'] });
    world.server.dropPlayer(PARTNER);
    await panic([30]);
    expect(world.targets(NetEvents.PanicAlert)).toEqual([OFFICER, SUPERVISOR, 6]);
    expect(alertTo(6)?.unit).toMatchObject({ unitNum: 'A-30' });
  });
});
