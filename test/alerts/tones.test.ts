/** CAD tones through the FXServer double: each target type alone and combined reaches exactly its players. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ToneAlert } from '../../src/shared/cad-audio-payloads';
import { NetEvents } from '../../src/shared/events';
import { ADAM, CIVILIAN, crew, DEPUTY, LADDER, logInCrew, TONE_SUPERVISOR } from './crew';
import { startWorld, type World } from './world';

const URL = 'https://s3.sonoransoftware.com/tones/structure.mp3';

let world: World;
afterEach(async () => {
  await world.close();
});

async function crewWorld(alerts: Record<string, unknown> = {}) {
  world = await startWorld({ players: crew(), alerts });
  await logInCrew(world);
  return world;
}

/** Players who got the tone, after one push with these targets. */
async function heard(playTonesTo: unknown[], url = URL): Promise<number[]> {
  world.clearEvents();
  await world.push('EVENT_TONE', { url, playTonesTo });
  return world.targets(NetEvents.Tone);
}

const payloads = () => world.sent(NetEvents.Tone).map((event) => [event.target, event.args[0] as ToneAlert]);

describe('tone targets', () => {
  it('type 0: every logged-in unit with a player, not the one that logged out', async () => {
    await crewWorld();
    expect(await heard([{ type: 0, value: '', label: 'All call' }])).toEqual([ADAM, LADDER, DEPUTY]);
  });

  it('type 1: the units attached to the call, as attach and detach leave it', async () => {
    await crewWorld();
    await world.push('EVENT_DISPATCH_NEW', {
      dispatch: { callId: 77, title: 'Fire', idents: [21, 22], notes: [], metaData: {} },
    });
    expect(await heard([{ type: 1, value: 77 }])).toEqual([ADAM, LADDER]);
    await world.push('EVENT_DISPATCH_UNIT_DETACH', { callId: 77, ident: 22 });
    await world.push('EVENT_DISPATCH_UNIT_ATTACH', { callId: 77, ident: 23 });
    expect(await heard([{ type: 1, value: '77' }])).toEqual([ADAM, DEPUTY]);
    expect(await heard([{ type: 1, value: 78 }])).toEqual([]);
  });

  it("type 2: the unit's agency, else its district, ignoring case", async () => {
    await crewWorld();
    expect(await heard([{ type: 2, value: 'county FIRE' }])).toEqual([LADDER]);
    expect(await heard([{ type: 2, value: 'North' }])).toEqual([ADAM, DEPUTY]);
    // The ladder's agency wins over its district.
    expect(await heard([{ type: 2, value: 'South' }])).toEqual([]);
  });

  it('type 3: a department, several departments as several targets', async () => {
    await crewWorld();
    expect(await heard([{ type: 3, value: 'lspd' }])).toEqual([ADAM]);
    expect(
      await heard([
        { type: 3, value: 'LSFD' },
        { type: 3, value: 'BCSO' },
      ]),
    ).toEqual([LADDER, DEPUTY]);
  });

  it('type 4: a subdivision, with the spaces and case the CAD sends', async () => {
    await crewWorld();
    expect(await heard([{ type: 4, value: 'PATROL' }])).toEqual([ADAM, DEPUTY]);
  });

  it('type 5: one unit by identifier id or by unit number', async () => {
    await crewWorld();
    expect(await heard([{ type: 5, value: 23 }])).toEqual([DEPUTY]);
    expect(await heard([{ type: 5, value: 'a-21' }])).toEqual([ADAM]);
    expect(await heard([{ type: 5, value: 24 }])).toEqual([]);
  });

  it('type 6: a unit group, following adds, removals and a rename', async () => {
    await crewWorld();
    expect(await heard([{ type: 6, value: 'ladder 61' }])).toEqual([LADDER]);
    await world.push('EVENT_UNIT_GROUP_CHANGE_NAME', {
      identIds: [22],
      oldName: 'Ladder 61',
      newName: 'Truck 61',
    });
    expect(await heard([{ type: 6, value: 'ladder 61' }])).toEqual([]);
    expect(await heard([{ type: 6, value: 'TRUCK 61' }])).toEqual([LADDER]);
    await world.push('EVENT_UNIT_GROUP_ADD', { groupName: 'Truck 61', identIds: [23] });
    expect(await heard([{ type: 6, value: 'truck 61' }])).toEqual([LADDER, DEPUTY]);
    await world.push('EVENT_UNIT_GROUP_REMOVE', { groupName: 'truck 61', identId: 22 });
    expect(await heard([{ type: 6, value: 'truck 61' }])).toEqual([DEPUTY]);
  });

  it('targets combine as a union: one tone per player, with the label of the first target naming them', async () => {
    await crewWorld();
    const players = await heard([
      { type: 3, value: 'LSFD', label: 'Fire' },
      { type: 4, value: 'Patrol', label: 'Patrol' },
      { type: 5, value: 22, label: 'Ladder' },
    ]);
    expect(players).toEqual([ADAM, LADDER, DEPUTY]);
    expect(payloads().map(([player, tone]) => [player, (tone as ToneAlert).label])).toEqual([
      [ADAM, 'Patrol'],
      [LADDER, 'Fire'],
      [DEPUTY, 'Patrol'],
    ]);
    expect(payloads()[0]?.[1]).toEqual({
      url: URL,
      refused: null,
      label: 'Patrol',
      allowedHosts: ['s3.sonoransoftware.com', 'cdn.discordapp.com', 'media.discordapp.net'],
      maxSeconds: 15,
    });
  });

  it('an unknown target type is said once and ignored; the known ones still play', async () => {
    await crewWorld();
    expect(
      await heard([
        { type: 9, value: 'x' },
        { type: 3, value: 'BCSO' },
      ]),
    ).toEqual([DEPUTY]);
    expect(await heard([{ type: 9, value: 'y' }])).toEqual([]);
    expect(world.server.logs.filter((line) => line.includes('type 9'))).toHaveLength(1);
  });

  it('nobody else gets a net event: no unit, a muted player, or a unit whose player is offline', async () => {
    await crewWorld();
    world.server.runCommand('cadalerts', ADAM, ['off']);
    expect(await heard([{ type: 0, value: '' }])).toEqual([LADDER, DEPUTY]);
    expect(world.sent(NetEvents.Tone).some((event) => event.target === CIVILIAN)).toBe(false);
  });
});

describe('tone recipients and the allow-list', () => {
  it('holders of the tone ACE hear every tone only when alerts.tone.recipients has "ace"', async () => {
    await crewWorld();
    expect(await heard([{ type: 3, value: 'BCSO' }])).toEqual([DEPUTY]);
    await world.close();
    await crewWorld({ tone: { recipients: ['targets', 'ace'] } });
    expect(await heard([{ type: 3, value: 'BCSO', label: 'Sheriff' }])).toEqual([DEPUTY, TONE_SUPERVISOR]);
    expect(payloads().at(-1)?.[1]).toMatchObject({ label: 'Sheriff' });
    await world.close();
    await crewWorld({ tone: { recipients: ['ace'] } });
    expect(await heard([{ type: 3, value: 'BCSO' }])).toEqual([TONE_SUPERVISOR]);
  });

  it('marks a URL that is not https or not from an allowed host as refused, and says so once', async () => {
    await crewWorld({ tone: { allowedHosts: ['*.example.com', 'tones.test:8443'] } });
    const target = [{ type: 5, value: 21 }];
    await heard(target, 'https://cdn.example.com/a.mp3');
    expect(payloads()[0]?.[1]).toMatchObject({ url: 'https://cdn.example.com/a.mp3', refused: null });
    await heard(target, 'https://tones.test:8443/b.wav');
    expect(payloads()[0]?.[1]).toMatchObject({ refused: null });
    await heard(target, 'http://cdn.example.com/a.mp3');
    expect(payloads()[0]?.[1]).toMatchObject({ refused: 'not https' });
    await heard(target, 'https://example.com.evil.net/a.mp3');
    expect(payloads()[0]?.[1]).toMatchObject({ refused: 'host not allowed' });
    await heard(target, 'https://user:pw@cdn.example.com/a.mp3');
    expect(payloads()[0]?.[1]).toMatchObject({ refused: 'host not allowed' });
    await heard(target, 'https://s3.sonoransoftware.com/a.mp3');
    expect(payloads()[0]?.[1]).toMatchObject({ refused: 'host not allowed' });
    await heard(target, 'http://cdn.example.com/again.mp3');
    expect(world.server.logs.filter((line) => line.includes('refused (not https)'))).toHaveLength(1);
  });

  it('alerts.tone.enabled false sends nothing', async () => {
    await crewWorld({ tone: { enabled: false } });
    expect(await heard([{ type: 0, value: '' }])).toEqual([]);
  });
});
