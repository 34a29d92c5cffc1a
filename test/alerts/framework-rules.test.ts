/**
 * Recipients by the framework's job and duty, through the FXServer double with framework stand-ins
 * started beside our resource: each framework alone, the duty direction of each, changes through the
 * frameworks' own events, players online at start, no framework, a framework stopped and started.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import type { OtherResource } from '../doubles/fxserver/double';
import { EsExtendedStandIn } from '../doubles/fxserver/frameworks/es-extended';
import { OxCoreStandIn } from '../doubles/fxserver/frameworks/ox-core';
import { QbCoreStandIn, qbPlayerJob } from '../doubles/fxserver/frameworks/qb-core';
import { QbxCoreStandIn } from '../doubles/fxserver/frameworks/qbx-core';
import { sample } from '../helpers/samples';
import { CIVILIAN, OFFICER, PARTNER, SAME_IP, SUPERVISOR, startWorld, type World } from './world';

let world: World;
afterEach(async () => {
  await world.close();
});

async function start(recipients: unknown[], others: OtherResource[], alerts: Record<string, unknown> = {}) {
  world = await startWorld({ alerts: { emergencyCall: { recipients }, ...alerts }, others });
}

async function alertTargets(): Promise<number[]> {
  world.clearEvents();
  await world.push('EVENT_911', sample('EVENT_911.object.json').data);
  return world.targets(NetEvents.EmergencyCall);
}

const consoleText = () => world.server.logs.join('\n');

/** Counts every call of a resource's exports from now on. */
function countExports(resource: OtherResource): () => number {
  let calls = 0;
  const table = resource.exports as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, fn] of Object.entries(table)) {
    table[name] = (...args) => {
      calls += 1;
      return fn(...args);
    };
  }
  return () => calls;
}

describe('QBCore (qb-core)', () => {
  const qb = () =>
    new QbCoreStandIn()
      .preload(OFFICER, qbPlayerJob('police', true))
      .preload(PARTNER, qbPlayerJob('police', false))
      .preload(CIVILIAN, qbPlayerJob('ambulance', true))
      .preload(SUPERVISOR, qbPlayerJob('unemployed'));

  it('knows the players online at start; on duty means job.onduty true', async () => {
    await start([{ job: ['Police'] }], [qb()]);
    expect(await alertTargets()).toEqual([OFFICER]);
    expect(consoleText()).toMatch(/Job rules read qb-core: the jobs of 4 players online/);
  });

  it('duty false matches on and off duty, whatever another rule asks; jobType matches the job type', async () => {
    await start([{ job: ['police'] }, { job: ['police'], duty: false }, { jobType: ['ems'] }], [qb()]);
    expect(await alertTargets()).toEqual([OFFICER, PARTNER, CIVILIAN]);
  });

  it('job and duty changes through its events change the recipients at once, with no export call per alert', async () => {
    const framework = qb();
    await start([{ jobType: ['leo'] }], [framework]);
    const calls = countExports(framework);
    framework.setJobDuty(PARTNER, true);
    expect(await alertTargets()).toEqual([OFFICER, PARTNER]);
    framework.toggleDuty(OFFICER);
    expect(await alertTargets()).toEqual([PARTNER]);
    framework.setJob(CIVILIAN, 'police');
    expect(await alertTargets()).toEqual([PARTNER, CIVILIAN]);
    framework.logout(PARTNER);
    framework.login(SAME_IP, qbPlayerJob('police', true));
    expect(await alertTargets()).toEqual([CIVILIAN, SAME_IP]);
    expect(calls()).toBe(0);
  });

  it('a player who drops is forgotten, whose server id may be reused', async () => {
    await start([{ job: ['police'] }], [qb()]);
    world.server.dropPlayer(OFFICER);
    world.server.addPlayer({ id: OFFICER, name: 'New', identifiers: ['license:new'] });
    expect(await alertTargets()).toEqual([]);
  });

  it('stopped, it matches nobody and says so; started again, it is read again', async () => {
    await start([{ job: ['police'] }], [qb()]);
    world.server.stopOther('qb-core');
    expect(consoleText()).toMatch(/qb-core stopped: job rules match nobody until it starts again/);
    expect(await alertTargets()).toEqual([]);
    world.server.startOther(new QbCoreStandIn().preload(PARTNER, qbPlayerJob('police', true)));
    expect(await alertTargets()).toEqual([PARTNER]);
  });

  it('combines with the other rules; a muted player gets nothing', async () => {
    await start(['ace', { job: ['ambulance'] }], [qb()]);
    expect(await alertTargets()).toEqual([CIVILIAN, SUPERVISOR]);
    world.server.runCommand('cadalerts', CIVILIAN, ['off']);
    expect(await alertTargets()).toEqual([SUPERVISOR]);
  });
});

describe('Qbox (qbx_core)', () => {
  const qbx = () =>
    new QbxCoreStandIn()
      .preload(OFFICER, 'police', true)
      .preload(PARTNER, 'police', false)
      .preload(CIVILIAN, 'ambulance');

  it('is found before qb-core, which it provides, and reads its players at start', async () => {
    await start([{ job: ['police'] }, { jobType: ['ems'] }], [qbx(), new QbCoreStandIn()]);
    expect(await alertTargets()).toEqual([OFFICER, CIVILIAN]);
    expect(consoleText()).toMatch(/Job rules read qbx_core/);
  });

  it('duty through SetDuty alone, a primary job through OnJobUpdate, a job taken away through onGroupUpdate', async () => {
    const framework = qbx();
    await start([{ job: ['police'] }], [framework]);
    framework.setJobDuty(PARTNER, true);
    framework.setJobDuty(OFFICER, false);
    expect(await alertTargets()).toEqual([PARTNER]);
    framework.setPrimaryJob(CIVILIAN, 'police');
    expect(await alertTargets()).toEqual([PARTNER, CIVILIAN]);
    framework.removeFromJob(PARTNER, 'police');
    expect(await alertTargets()).toEqual([CIVILIAN]);
    framework.login(SAME_IP, 'police');
    framework.logout(CIVILIAN);
    expect(await alertTargets()).toEqual([SAME_IP]);
  });
});

describe('ESX (es_extended)', () => {
  it('from 1.11, job.onDuty is the duty, changed through esx:setJob', async () => {
    const esx = new EsExtendedStandIn('1.13.5')
      .preload(OFFICER, 'police', true)
      .preload(PARTNER, 'police', false);
    await start([{ job: ['police'] }], [esx]);
    expect(await alertTargets()).toEqual([OFFICER]);
    esx.setJob(PARTNER, 'police', true);
    esx.setJob(OFFICER, 'unemployed');
    esx.login(CIVILIAN, 'police');
    expect(await alertTargets()).toEqual([PARTNER, CIVILIAN]);
    esx.logout(PARTNER);
    expect(await alertTargets()).toEqual([CIVILIAN]);
    expect(consoleText()).not.toMatch(/duty" in job rules is ignored/);
  });

  it('before 1.11 there is no duty: duty is ignored, and the console says so once', async () => {
    const esx = new EsExtendedStandIn('1.10.2').preload(OFFICER, 'police').preload(PARTNER, 'ambulance');
    await start([{ jobType: ['leo', 'ems'] }], [esx]);
    esx.login(CIVILIAN, 'police');
    esx.setJob(PARTNER, 'ambulance');
    expect(await alertTargets()).toEqual([OFFICER, PARTNER, CIVILIAN]);
    expect(consoleText().match(/es_extended sends jobs without onDuty/g)).toHaveLength(1);
  });
});

describe('ox_core', () => {
  const ox = () =>
    new OxCoreStandIn()
      .preload(OFFICER, { police: 2 }, 'police')
      .preload(PARTNER, { police: 1 })
      .preload(CIVILIAN, { ems: 1, ballas: 1 }, 'ems');

  it("a player's active group is their job, its type their job type; duty is ignored and said once", async () => {
    await start([{ job: ['police'] }, { jobType: ['gang'] }], [ox()]);
    expect(await alertTargets()).toEqual([OFFICER]);
    expect(consoleText().match(/ox_core has no job duty/g)).toHaveLength(1);
    await world.close();
    await start([{ jobType: ['job'], duty: false }], [ox()]);
    expect(await alertTargets()).toEqual([OFFICER, CIVILIAN]);
    expect(consoleText()).not.toMatch(/ox_core has no job duty/);
  });

  it('follows ox:setActiveGroup, a removed active group, loads and logouts', async () => {
    const framework = ox();
    await start([{ job: ['police', 'ems'] }], [framework]);
    framework.setActiveGroup(PARTNER, 'police');
    framework.setActiveGroup(OFFICER, undefined);
    expect(await alertTargets()).toEqual([PARTNER, CIVILIAN]);
    framework.setGroup(CIVILIAN, 'ballas', 0);
    expect(await alertTargets()).toEqual([PARTNER, CIVILIAN]);
    framework.setGroup(CIVILIAN, 'ems', 0);
    framework.load(SAME_IP, { ems: 3 }, 'ems');
    framework.logout(PARTNER);
    expect(await alertTargets()).toEqual([SAME_IP]);
  });
});

describe('which framework', () => {
  it('none running: a console line, job rules match nobody, and one that starts later is read', async () => {
    await start(['ace', { job: ['police'] }], []);
    expect(consoleText()).toMatch(/None of qbx_core, qb-core, es_extended, ox_core is started/);
    expect(await alertTargets()).toEqual([SUPERVISOR]);
    world.server.startOther(new EsExtendedStandIn().preload(PARTNER, 'police'));
    expect(await alertTargets()).toEqual([PARTNER, SUPERVISOR]);
    world.server.assertHealthy();
    expect(consoleText()).not.toMatch(/error/i);
  });

  it('a named framework is the only one read', async () => {
    const qb = new QbCoreStandIn().preload(OFFICER, qbPlayerJob('police', true));
    const esx = new EsExtendedStandIn().preload(PARTNER, 'police');
    await start([{ job: ['police'] }], [qb, esx], { framework: 'es_extended' });
    expect(await alertTargets()).toEqual([PARTNER]);
  });

  it('"none" reads no framework, even one that runs', async () => {
    await start([{ job: ['police'] }], [new QbCoreStandIn().preload(OFFICER, qbPlayerJob('police', true))], {
      framework: 'none',
    });
    expect(await alertTargets()).toEqual([]);
    expect(consoleText()).toMatch(/alerts.framework is "none"/);
  });

  it('without job rules no framework is looked for', async () => {
    await start(['ace'], [new QbCoreStandIn()]);
    expect(consoleText()).not.toMatch(/framework|qb-core/);
  });

  it('a malformed job from a framework event is ignored and said once', async () => {
    const framework = new QbCoreStandIn().preload(OFFICER, qbPlayerJob('police', true));
    await start([{ job: ['police'] }], [framework]);
    world.server.emitLocal('QBCore:Server:OnJobUpdate', OFFICER, { label: 'no name' });
    world.server.emitLocal('QBCore:Server:OnJobUpdate', OFFICER, 'police');
    expect(consoleText().match(/Ignored a QBCore:Server:OnJobUpdate from qb-core/g)).toHaveLength(1);
    expect(await alertTargets()).toEqual([OFFICER]);
  });
});
