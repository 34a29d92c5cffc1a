/**
 * qb-core 1.3.0 as our resource sees it (qbcore-framework/qb-core server/player.lua, events.lua,
 * functions.lua, shared/main.lua): `GetCoreObject(filters)`, the Player class whose PlayerData.job
 * holds `onduty`, and the server events in the order the framework fires them. Every job change goes
 * through UpdateClient('job') → QBCore:Server:OnPlayerUpdated → QBCore:Server:OnJobUpdate; the duty
 * toggle command also fires QBCore:Server:SetDuty. Login fires PlayerLoaded with the Player object,
 * then OnJobUpdate through UpdateClient() ('all').
 */
import type { AnyFunction } from '../../citizenfx/msgpack-clone';
import { FrameworkStandIn, luaTable } from './stand-in';

export interface QbJobDefinition {
  label: string;
  type?: string;
  defaultDuty: boolean;
}

/** shared/jobs.lua, the jobs the tests use. */
export const QB_JOBS: Record<string, QbJobDefinition> = {
  unemployed: { label: 'Civilian', defaultDuty: true },
  police: { label: 'Law Enforcement', type: 'leo', defaultDuty: true },
  ambulance: { label: 'EMS', type: 'ems', defaultDuty: true },
  mechanic: { label: 'Mechanic', type: 'mechanic', defaultDuty: false },
};

export interface QbPlayerJob {
  name: string;
  label: string;
  onduty: boolean;
  type: string;
  grade: { name: string; level: number; payment: number; isboss: boolean };
  isboss?: boolean;
}

interface QbPlayer {
  PlayerData: { source: number; citizenid: string; job: QbPlayerJob };
  Offline: boolean;
  Functions: Record<string, AnyFunction>;
}

export function qbPlayerJob(name: string, onduty?: boolean): QbPlayerJob {
  const definition = QB_JOBS[name];
  if (!definition) throw new Error(`qb-core stand-in: no job ${name}`);
  return {
    name,
    label: definition.label,
    onduty: onduty ?? definition.defaultDuty,
    type: definition.type ?? 'none',
    grade: { name: 'Officer', level: 1, payment: 75, isboss: false },
    isboss: false,
  };
}

export class QbCoreStandIn extends FrameworkStandIn {
  readonly name: string = 'qb-core';
  protected readonly players = new Map<number, QbPlayer>();
  readonly exports: Readonly<Record<string, AnyFunction>> = {
    GetCoreObject: (filters) => this.coreObject(filters),
  };
  /** How many times a script asked for each player's Player object. */
  getPlayerCalls = 0;

  /** Loaded before the test's server started: no events. */
  preload(source: number, job: QbPlayerJob): this {
    this.players.set(source, this.player(source, job));
    return this;
  }

  /** QBCore.Player.Login → CreatePlayer. */
  login(source: number, job: QbPlayerJob): void {
    const player = this.player(source, job);
    this.players.set(source, player);
    this.emit('QBCore:Server:PlayerLoaded', player);
    this.updated(source, 'all', player.PlayerData);
  }

  /** Player:SetJob: the job's default duty. */
  setJob(source: number, name: string): void {
    const player = this.must(source);
    player.PlayerData.job = qbPlayerJob(name);
    this.updated(source, 'job', player.PlayerData.job);
  }

  /** Player:SetJobDuty. */
  setJobDuty(source: number, onDuty: boolean): void {
    const player = this.must(source);
    player.PlayerData.job.onduty = onDuty;
    this.updated(source, 'job', player.PlayerData.job);
  }

  /** The QBCore:ToggleDuty net event a player's client sends. */
  toggleDuty(source: number): void {
    const player = this.must(source);
    this.setJobDuty(source, !player.PlayerData.job.onduty);
    this.emit('QBCore:Server:SetDuty', source, player.PlayerData.job.onduty);
  }

  /** QBCore.Player.Logout (back to character selection). */
  logout(source: number): void {
    this.players.delete(source);
    this.emit('QBCore:Server:OnPlayerUnload', source);
  }

  protected coreObject(filters: unknown): Record<string, unknown> {
    const functions = {
      GetPlayer: (source: unknown) => {
        this.getPlayerCalls += 1;
        return this.players.get(Number(source));
      },
      GetQBPlayers: () => luaTable(this.players),
    };
    const core: Record<string, unknown> = { Functions: functions, Shared: { Jobs: QB_JOBS }, Config: {} };
    if (!Array.isArray(filters)) return core;
    return Object.fromEntries(filters.filter((key) => key in core).map((key) => [key, core[key]]));
  }

  protected player(source: number, job: QbPlayerJob): QbPlayer {
    return {
      PlayerData: { source, citizenid: `CID${source}`, job },
      Offline: false,
      Functions: { GetPlayerData: () => this.players.get(source)?.PlayerData },
    };
  }

  protected must(source: number): QbPlayer {
    const player = this.players.get(source);
    if (!player) throw new Error(`${this.name} stand-in: player ${source} is not loaded`);
    return player;
  }

  /** Player:UpdateClient → the central handler in server/events.lua. */
  private updated(source: number, key: string, value: unknown): void {
    this.emit('QBCore:Server:OnPlayerUpdated', source, key, value);
    if (key === 'job') this.emit('QBCore:Server:OnJobUpdate', source, value);
    if (key === 'all') this.emit('QBCore:Server:OnJobUpdate', source, (value as QbPlayer['PlayerData']).job);
  }
}
