/** `sonorancad simulate tone|page|station`: the same path as a real push, to the same players. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ToneAlert } from '../../src/shared/cad-audio-payloads';
import { LocalEvents, NetEvents } from '../../src/shared/events';
import { ADAM, CIVILIAN, crew, DEPUTY, GONE, LADDER, logInCrew } from '../alerts/crew';
import { startWorld, type World } from '../alerts/world';

let world: World;
afterEach(async () => {
  await world.close();
});

const simulate = (...args: string[]) => world.server.runCommand('sonorancad', 0, ['simulate', ...args]);
const URL = 'https://cdn.discordapp.com/attachments/1/2/tone.mp3';

async function crewWorld(alerts: Record<string, unknown> = {}) {
  world = await startWorld({ players: crew(), alerts });
  await logInCrew(world);
}

describe('sonorancad simulate tone|page|station', () => {
  it('tone <url> plays to every unit; with targets, to theirs', async () => {
    await crewWorld();
    simulate('tone', URL);
    expect(world.targets(NetEvents.Tone)).toEqual([ADAM, LADDER, DEPUTY]);
    world.clearEvents();
    simulate('tone', URL, 'department:lsfd', 'unit:23', 'Subdivision:Fire Rescue');
    expect(world.targets(NetEvents.Tone)).toEqual([LADDER, DEPUTY]);
    expect((world.sent(NetEvents.Tone)[0]?.args[0] as ToneAlert | undefined)?.label).toBe('lsfd');
    world.clearEvents();
    simulate('tone', URL, '6:Adam 1');
    expect(world.targets(NetEvents.Tone)).toEqual([ADAM]);
    expect(world.server.logs.join('\n')).toContain('Simulated a tone to 6:Adam 1.');
  });

  it('tone refuses a target it cannot read, and sends nothing', async () => {
    await crewWorld();
    simulate('tone', URL, 'squad:9');
    simulate('tone');
    expect(world.sent(NetEvents.Tone)).toEqual([]);
    expect(world.server.logs.join('\n')).toContain('"squad:9" is not a tone target');
    expect(world.server.logs.join('\n')).toContain("Give the tone's URL");
  });

  it('page <identId> <text> pages that unit with the text', async () => {
    await crewWorld();
    simulate('page', '22', 'Respond', 'to', 'the', 'briefing', 'room');
    expect(world.targets(NetEvents.Page)).toEqual([LADDER]);
    expect(world.sent(NetEvents.Page)[0]?.args[0]).toEqual({
      nature: 'Emergency',
      body: 'Respond to the briefing room',
      addresses: [],
    });
    simulate('page', 'Lou');
    expect(world.server.logs.join('\n')).toContain("Give the unit's identifier id");
  });

  it('station <name> <message> reads a station name of several words by the configured ones', async () => {
    await crewWorld({
      stationAlerts: { stations: { 'Fire Station One': { x: 0, y: 0, z: 0, radius: 50 } } },
    });
    simulate('station', 'fire', 'station', 'one', 'Engine', '1', 'respond');
    expect(world.targets(NetEvents.StationAlert)).toEqual([GONE, CIVILIAN]);
    expect(world.sent(NetEvents.StationAlert)[0]?.args[0]).toMatchObject({
      stations: ['Fire Station One'],
      message: 'Engine 1 respond',
    });
    expect(world.server.localEvents.filter((event) => event.name === LocalEvents.StationDoors)).toHaveLength(
      1,
    );
    world.clearEvents();
    simulate('station', 'Nowhere', 'hello');
    expect(world.sent(NetEvents.StationAlert)).toEqual([]);
    expect(world.server.logs.join('\n')).toContain(
      '"Nowhere", which is not in alerts.stationAlerts.stations',
    );
  });
});
