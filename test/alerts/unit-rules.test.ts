/** Recipients by the CAD unit's department, subdivision and group, through the FXServer double. */
import { afterEach, describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import { sample } from '../helpers/samples';
import {
  CIVILIAN,
  OFFICER,
  OFFICER_UNIT,
  PARTNER,
  PARTNER_UNIT,
  startWorld,
  unit,
  type World,
} from './world';

let world: World;
afterEach(async () => {
  await world.close();
});

const call = () => sample('EVENT_911.object.json').data;

/** The officer's and partner's units with the given data fields (the partner's department is LSPD). */
function units(officer: Record<string, string>, partner: Record<string, string> = {}) {
  const officerUnit = unit(OFFICER_UNIT, { apiIds: ['steam:11000010a1b2c3d'] });
  const partnerUnit = unit(PARTNER_UNIT, { communityUserId: 'a1b2c3' });
  Object.assign(officerUnit.data, officer);
  Object.assign(partnerUnit.data, partner);
  return { officerUnit, partnerUnit };
}

async function logIn(officer: Record<string, string>, partner: Record<string, string> = {}) {
  const { officerUnit, partnerUnit } = units(officer, partner);
  await world.push('EVENT_UNIT_LOGIN', { unit: officerUnit });
  await world.push('EVENT_UNIT_LOGIN', { unit: partnerUnit });
  world.clearEvents();
}

async function alertTargets(): Promise<number[]> {
  world.clearEvents();
  await world.push('EVENT_911', call());
  return world.targets(NetEvents.EmergencyCall);
}

describe('recipients by CAD unit data', () => {
  it('a department rule picks the units of that department, in any case', async () => {
    world = await startWorld({
      alerts: { emergencyCall: { recipients: [{ department: ['bcfd', 'Fire'] }] } },
    });
    await logIn({ department: 'BCFD' });
    expect(await alertTargets()).toEqual([OFFICER]);
  });

  it('subdivision and group rules match their own field only', async () => {
    world = await startWorld({
      alerts: {
        emergencyCall: { recipients: [{ subdivision: ['Traffic'] }, { group: ['car 51'] }] },
      },
    });
    await logIn({ subdivision: 'LSPD', group: 'CAR 51' }, { subdivision: 'traffic', department: 'Traffic' });
    expect(await alertTargets()).toEqual([OFFICER, PARTNER]);
  });

  it("follows a unit's department as status and update pushes tell it", async () => {
    world = await startWorld({ alerts: { emergencyCall: { recipients: [{ department: ['EMS'] }] } } });
    await logIn({ department: 'LSPD' });
    expect(await alertTargets()).toEqual([]);

    const moved = units({ department: 'EMS' }).officerUnit;
    await world.push('EVENT_UNIT_STATUS', { units: [{ ...moved, status: 3 }] });
    expect(await alertTargets()).toEqual([OFFICER]);

    const back = units({ department: 'LSPD' }).officerUnit;
    await world.push('EVENT_UNIT_UPDATE', { units: [back] });
    expect(await alertTargets()).toEqual([]);
  });

  it('a status-only push keeps the department the login told', async () => {
    world = await startWorld({ alerts: { emergencyCall: { recipients: [{ department: ['LSPD'] }] } } });
    await logIn({ department: 'LSPD' }, { department: 'BCSO' });
    await world.push('EVENT_UNIT_STATUS', { identIds: [OFFICER_UNIT], status: 4 });
    expect(await alertTargets()).toEqual([OFFICER]);
  });

  it('a logout takes the unit out; players without a unit never match', async () => {
    world = await startWorld({
      alerts: { emergencyCall: { recipients: [{ department: ['LSPD'] }, { group: ['unused'] }] } },
    });
    await logIn({});
    expect(await alertTargets()).toEqual([OFFICER, PARTNER]);
    await world.push('EVENT_UNIT_LOGOUT', { identId: PARTNER_UNIT });
    const targets = await alertTargets();
    expect(targets).toEqual([OFFICER]);
    expect(targets).not.toContain(CIVILIAN);
  });

  it('rules combine with the others, and mutes still apply', async () => {
    world = await startWorld({
      alerts: { emergencyCall: { recipients: ['ace', { department: ['BCFD'] }] } },
    });
    await logIn({ department: 'BCFD' });
    expect(await alertTargets()).toEqual([OFFICER, 4]);
    world.server.runCommand('cadalerts', OFFICER, ['off']);
    expect(await alertTargets()).toEqual([4]);
  });

  it('a dispatcher online quiets the unit rules for 911 calls, not the ace rule', async () => {
    world = await startWorld({
      alerts: {
        emergencyCall: { recipients: ['ace', { department: ['LSPD'] }], quietWhileDispatcherOnline: true },
      },
    });
    await logIn({});
    expect(await alertTargets()).toEqual([OFFICER, PARTNER, 4]);
    await world.push('EVENT_UNIT_LOGIN', { unit: { ...unit(99, { apiIds: ['x'] }), isDispatch: true } });
    expect(await alertTargets()).toEqual([4]);
  });

  it('an empty name list or an unknown field is a config error', async () => {
    world = await startWorld({ alerts: { emergencyCall: { recipients: [{ department: [] }] } } });
    expect(world.server.logs.join('\n')).toMatch(/alerts\.emergencyCall\.recipients/);
    await world.close();
    world = await startWorld({ alerts: { panic: { recipients: [{ agency: ['LSPD'] }] } } });
    expect(world.server.logs.join('\n')).toMatch(/alerts\.panic\.recipients/);
  });
});
