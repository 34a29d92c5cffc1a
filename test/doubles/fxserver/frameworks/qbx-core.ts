/**
 * qbx_core 1.23.0 as our resource sees it (Qbox-project/qbx_core server/player.lua, functions.lua):
 * `GetPlayer`, `GetPlayersData`, the primary job in PlayerData.job with `onduty`. SetJobDuty fires only
 * QBCore:Server:SetDuty; SetPlayerPrimaryJob fires QBCore:Server:OnJobUpdate; RemovePlayerFromJob of
 * the primary job makes it unemployed and fires only qbx_core:server:onGroupUpdate. Login fires
 * QBCore:Server:PlayerLoaded with the Player object.
 */
import type { AnyFunction } from '../../citizenfx/msgpack-clone';
import { QB_JOBS } from './qb-core';
import { FrameworkStandIn, luaTable } from './stand-in';

interface QbxJob {
  name: string;
  label: string;
  isboss: boolean;
  bankAuth: boolean;
  onduty: boolean;
  payment: number;
  type?: string;
  grade: { name: string; level: number };
}

interface QbxPlayer {
  PlayerData: { source: number; citizenid: string; job: QbxJob; jobs: Record<string, number> };
  Offline: boolean;
}

/** toPlayerJob: the job's default duty, `or false`. */
function toPlayerJob(name: string): QbxJob {
  const definition = QB_JOBS[name];
  if (!definition) throw new Error(`qbx_core stand-in: no job ${name}`);
  return {
    name,
    label: definition.label,
    isboss: false,
    bankAuth: false,
    onduty: definition.defaultDuty,
    payment: 50,
    ...(definition.type ? { type: definition.type } : {}),
    grade: { name: 'Recruit', level: 0 },
  };
}

export class QbxCoreStandIn extends FrameworkStandIn {
  readonly name = 'qbx_core';
  private readonly players = new Map<number, QbxPlayer>();
  readonly exports: Readonly<Record<string, AnyFunction>> = {
    GetPlayer: (source) => this.players.get(Number(source)),
    GetPlayersData: () => [...this.players.values()].map((player) => player.PlayerData),
    GetQBPlayers: () => luaTable(this.players),
  };

  preload(source: number, job: string, onDuty?: boolean): this {
    this.players.set(source, this.player(source, job, onDuty));
    return this;
  }

  login(source: number, job: string, onDuty?: boolean): void {
    const player = this.player(source, job, onDuty);
    this.players.set(source, player);
    this.emit('QBCore:Server:PlayerLoaded', player);
  }

  setJobDuty(source: number, onDuty: boolean): void {
    const player = this.must(source);
    player.PlayerData.job.onduty = onDuty;
    this.emit('QBCore:Server:SetDuty', source, onDuty);
  }

  /** AddPlayerToJob then SetPlayerPrimaryJob. */
  setPrimaryJob(source: number, name: string): void {
    const player = this.must(source);
    player.PlayerData.jobs[name] = 0;
    this.emit('qbx_core:server:onGroupUpdate', source, name, 0);
    player.PlayerData.job = toPlayerJob(name);
    this.emit('QBCore:Server:OnJobUpdate', source, player.PlayerData.job);
  }

  removeFromJob(source: number, name: string): void {
    const player = this.must(source);
    delete player.PlayerData.jobs[name];
    if (player.PlayerData.job.name === name) player.PlayerData.job = toPlayerJob('unemployed');
    this.emit('qbx_core:server:onGroupUpdate', source, name);
  }

  logout(source: number): void {
    this.players.delete(source);
    this.emit('QBCore:Server:OnPlayerUnload', source);
  }

  private player(source: number, job: string, onDuty?: boolean): QbxPlayer {
    const primary = toPlayerJob(job);
    if (onDuty !== undefined) primary.onduty = onDuty;
    return {
      PlayerData: { source, citizenid: `QBX${source}`, job: primary, jobs: { [job]: 0 } },
      Offline: false,
    };
  }

  private must(source: number): QbxPlayer {
    const player = this.players.get(source);
    if (!player) throw new Error(`qbx_core stand-in: player ${source} is not loaded`);
    return player;
  }
}
