/** Pager pages through the FXServer double: identIds, configured addresses, and deferring to Pager Reborn. */
import { afterEach, describe, expect, it } from 'vitest';
import type { PageAlert } from '../../src/shared/cad-audio-payloads';
import { NetEvents } from '../../src/shared/events';
import { ADAM, crew, DEPUTY, LADDER, logInCrew, NOBODY_UNIT } from './crew';
import { startWorld, type World } from './world';

let world: World;
afterEach(async () => {
  await world.close();
});

const ADDRESSES = {
  'FIRE-1': { departments: ['lsfd'] },
  'battalion-1': { subdivisions: ['PATROL'], groups: ['adam 1'] },
  'Chief-9': { identIds: [23, NOBODY_UNIT] },
};

async function crewWorld(pager: Record<string, unknown>, resources: Record<string, string> = {}) {
  world = await startWorld({ players: crew(), alerts: { pager }, resources });
  await logInCrew(world);
}

async function paged(data: Record<string, unknown>): Promise<number[]> {
  world.clearEvents();
  await world.push('EVENT_PAGER_REBORN', { nature: 'Emergency', body: 'Structure fire', ...data });
  return world.targets(NetEvents.Page);
}

describe('pager pages', () => {
  it('reach the units in identIds, by their players', async () => {
    await crewWorld({});
    expect(await paged({ identIds: [22, 24, NOBODY_UNIT] })).toEqual([LADDER]);
    expect(world.sent(NetEvents.Page)[0]?.args[0]).toEqual({
      nature: 'Emergency',
      body: 'Structure fire',
      addresses: [],
    } satisfies PageAlert);
  });

  it('reach the units each address maps to, by department, subdivision, group or identifier id', async () => {
    await crewWorld({ addresses: ADDRESSES });
    expect(await paged({ addresses: ['fire-1'] })).toEqual([LADDER]);
    expect(await paged({ addresses: ['BATTALION-1'] })).toEqual([ADAM, DEPUTY]);
    expect(await paged({ addresses: ['chief-9'] })).toEqual([DEPUTY]);
    expect(await paged({ addresses: ['FIRE-1', 'Chief-9'], identIds: [21] })).toEqual([ADAM, LADDER, DEPUTY]);
  });

  it('say once that an address is not configured, and page by the others', async () => {
    await crewWorld({ addresses: ADDRESSES });
    expect(await paged({ addresses: ['MEDIC-4', 'FIRE-1'] })).toEqual([LADDER]);
    expect(await paged({ addresses: ['medic-4'] })).toEqual([]);
    expect(
      world.server.logs.filter((line) => line.includes('"MEDIC-4" is not in alerts.pager.addresses')),
    ).toHaveLength(1);
  });

  it('carry the nature as one of three, whatever the CAD spells', async () => {
    await crewWorld({});
    const nature = async (value: unknown) => {
      await paged({ identIds: [21], nature: value });
      return (world.sent(NetEvents.Page)[0]?.args[0] as PageAlert | undefined)?.nature;
    };
    expect(await nature('Administrative')).toBe('Administrative');
    expect(await nature('non-emergency')).toBe('NonEmergency');
    expect(await nature('EMERGENCY')).toBe('Emergency');
    expect(await nature('Routine')).toBe('NonEmergency');
    expect(await nature(null)).toBe('NonEmergency');
  });

  it('are left to inferno-pager-reborn while it is started, said once; true shows them anyway', async () => {
    await crewWorld({ addresses: ADDRESSES }, { 'inferno-pager-reborn': 'started' });
    expect(await paged({ identIds: [21] })).toEqual([]);
    expect(await paged({ addresses: ['FIRE-1'] })).toEqual([]);
    expect(world.server.logs.filter((line) => line.includes('inferno-pager-reborn is started'))).toHaveLength(
      1,
    );
    await world.close();

    await crewWorld({ enabled: true }, { 'inferno-pager-reborn': 'started' });
    expect(await paged({ identIds: [21] })).toEqual([ADAM]);
    await world.close();

    await crewWorld({}, { 'inferno-pager-reborn': 'stopped' });
    expect(await paged({ identIds: [21] })).toEqual([ADAM]);
    await world.close();

    await crewWorld({ enabled: false });
    expect(await paged({ identIds: [21] })).toEqual([]);
  });
});
