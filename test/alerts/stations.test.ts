/** Station alerts through the FXServer double: radius, departments, doors, audio and deferring to Station Alert. */
import { afterEach, describe, expect, it } from 'vitest';
import { wav } from '../../scripts/tones.mjs';
import type { StationAlert } from '../../src/shared/cad-audio-payloads';
import { LocalEvents, NetEvents } from '../../src/shared/events';
import { ADAM, CIVILIAN, crew, DEPUTY, GONE, LADDER, logInCrew } from './crew';
import { startWorld, type World } from './world';

let world: World;
afterEach(async () => {
  await world.close();
});

const STATIONS = {
  'Fire Station One': { x: 0, y: 0, z: 0, radius: 50, departments: ['lsfd'] },
  'Sheriff Office': { x: 100, y: 100, z: 0, radius: 5 },
};

async function crewWorld(stationAlerts: Record<string, unknown>, resources: Record<string, string> = {}) {
  world = await startWorld({ players: crew(), alerts: { stationAlerts }, resources });
  await logInCrew(world);
}

const location = (name: string) => ({ name, open: ['Door 1', 'Door 2'], close: ['Door 3'] });

async function alerted(data: Record<string, unknown>): Promise<number[]> {
  world.clearEvents();
  await world.push('EVENT_STATION_ALERT', {
    message: 'Engine 1 respond',
    colors: ['blue'],
    tone: 'tone1',
    ...data,
  });
  return world.targets(NetEvents.StationAlert);
}

const first = () => world.sent(NetEvents.StationAlert)[0]?.args[0] as StationAlert;
const doors = () => world.server.localEvents.filter((event) => event.name === LocalEvents.StationDoors);

/** A WAV file of `samples` samples (16 kHz), base64. */
const wavBase64 = (samples: number) => wav(new Array<number>(samples).fill(0)).toString('base64');

describe('station alerts', () => {
  it("reach the players within the station's radius and the units of its departments", async () => {
    await crewWorld({ stations: STATIONS });
    // The civilian and the logged-out unit's player stand inside; the ladder is far away but LSFD.
    expect(await alerted({ locations: [location('fire station one')] })).toEqual([LADDER, GONE, CIVILIAN]);
    expect(first()).toEqual({
      message: 'Engine 1 respond',
      messageAudio: null,
      colors: ['blue'],
      tone: { name: 'tone1' },
      allowedHosts: ['s3.sonoransoftware.com', 'cdn.discordapp.com', 'media.discordapp.net'],
      maxSeconds: 15,
      stations: ['Fire Station One'],
    } satisfies StationAlert);
  });

  it('follow where players stand, the radius inclusive', async () => {
    await crewWorld({ stations: STATIONS });
    expect(await alerted({ locations: [location('Sheriff Office')] })).toEqual([DEPUTY]);
    world.server.setPosition(DEPUTY, { x: 106, y: 100, z: 0 });
    world.server.setPosition(ADAM, { x: 100, y: 95, z: 0 });
    expect(await alerted({ locations: [location('Sheriff Office')] })).toEqual([ADAM]);
  });

  it('name every station of the alert a player hears, and say once that a station is unknown', async () => {
    await crewWorld({ stations: STATIONS });
    // The ladder is LSFD (Fire Station One) and stands at the Sheriff Office.
    world.server.setPosition(LADDER, { x: 100, y: 100, z: 0 });
    expect(
      await alerted({
        locations: [location('Fire Station One'), location('Sheriff Office'), location('Nowhere')],
      }),
    ).toEqual([LADDER, DEPUTY, GONE, CIVILIAN]);
    const stationsOf = (player: number) =>
      (
        world.sent(NetEvents.StationAlert).find((event) => event.target === player)?.args[0] as
          | StationAlert
          | undefined
      )?.stations;
    expect(stationsOf(LADDER)).toEqual(['Fire Station One', 'Sheriff Office']);
    expect(stationsOf(CIVILIAN)).toEqual(['Fire Station One']);
    await alerted({ locations: [location('nowhere')] });
    expect(world.server.logs.filter((line) => line.includes('"Nowhere" is not in'))).toHaveLength(1);
  });

  it('send each location’s doors as a local event, configured or not', async () => {
    await crewWorld({ stations: STATIONS });
    await alerted({ locations: [location('Fire Station One'), { name: 'Nowhere', open: ['Bay'] }] });
    expect(doors().map((event) => event.args)).toEqual([
      ['Fire Station One', ['Door 1', 'Door 2'], ['Door 3']],
      ['Nowhere', ['Bay'], []],
    ]);
  });

  it('play a base64 audio message after the tone instead of showing it, up to the size cap', async () => {
    await crewWorld({ stations: STATIONS, maxMessageAudioKiB: 4 });
    const wav = wavBase64(1000);
    await alerted({
      locations: [location('Sheriff Office')],
      message: wav,
      colors: ['#ff0000', 'red; x', 'Gold'],
    });
    expect(first()).toMatchObject({
      message: '',
      messageAudio: `data:audio/wav;base64,${wav}`,
      colors: ['#ff0000', 'Gold'],
    });
    await alerted({ locations: [location('Sheriff Office')], message: wavBase64(4000) });
    expect(first()).toMatchObject({ message: '', messageAudio: null });
    expect(
      world.server.logs.filter((line) => line.includes('over alerts.stationAlerts.maxMessageAudioKiB')),
    ).toHaveLength(1);
    // Text that happens to be long and without spaces is still text.
    await alerted({ locations: [location('Sheriff Office')], message: 'A'.repeat(80) });
    expect(first()).toMatchObject({ message: 'A'.repeat(80), messageAudio: null });
  });

  it('take a tone URL from the allow-list, refuse others, and a missing tone is the default', async () => {
    await crewWorld({ stations: STATIONS });
    await alerted({ locations: [location('Sheriff Office')], tone: 'https://cdn.discordapp.com/t.mp3' });
    expect(first().tone).toEqual({ url: 'https://cdn.discordapp.com/t.mp3', refused: null });
    await alerted({ locations: [location('Sheriff Office')], tone: 'https://evil.example/t.mp3' });
    expect(first().tone).toEqual({ url: 'https://evil.example/t.mp3', refused: 'host not allowed' });
    await alerted({ locations: [location('Sheriff Office')], tone: undefined });
    expect(first().tone).toBeNull();
  });

  it('are left to inferno-station-alert while it is started (the doors still go out); true shows them anyway', async () => {
    await crewWorld({ stations: STATIONS }, { 'inferno-station-alert': 'started' });
    expect(await alerted({ locations: [location('Sheriff Office')] })).toEqual([]);
    expect(doors()).toHaveLength(1);
    expect(
      world.server.logs.filter((line) => line.includes('inferno-station-alert is started')),
    ).toHaveLength(1);
    await world.close();
    await crewWorld({ stations: STATIONS, enabled: true }, { 'inferno-station-alert': 'started' });
    expect(await alerted({ locations: [location('Sheriff Office')] })).toEqual([DEPUTY]);
  });
});
