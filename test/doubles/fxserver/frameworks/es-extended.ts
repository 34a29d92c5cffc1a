/**
 * es_extended as our resource sees it (esx-framework/esx_core [core]/es_extended server/classes/
 * player.lua, functions.lua, main.lua): `getSharedObject()` with GetExtendedPlayers, xPlayer.job with
 * `onDuty` from 1.11 on (none before), duty changed only through setJob, which fires esx:setJob
 * (source, job, lastJob). Login fires esx:playerLoaded (source, xPlayer, isNew).
 */
import type { AnyFunction } from '../../citizenfx/msgpack-clone';
import { FrameworkStandIn } from './stand-in';

interface EsxJobDefinition {
  label: string;
  type: string;
}

const ESX_JOBS: Record<string, EsxJobDefinition> = {
  unemployed: { label: 'Unemployed', type: 'civ' },
  police: { label: 'LSPD', type: 'leo' },
  ambulance: { label: 'EMS', type: 'ems' },
};

interface EsxJob {
  id: number;
  name: string;
  label: string;
  type: string;
  onDuty?: boolean;
  grade: number;
  grade_name: string;
  grade_label: string;
  grade_salary: number;
  skin_male: Record<string, never>;
  skin_female: Record<string, never>;
}

interface XPlayer {
  source: number;
  identifier: string;
  job: EsxJob;
  getJob: AnyFunction;
}

export class EsExtendedStandIn extends FrameworkStandIn {
  readonly name = 'es_extended';
  private readonly players = new Map<number, XPlayer>();
  readonly exports: Readonly<Record<string, AnyFunction>> = {
    getSharedObject: () => ({
      GetExtendedPlayers: () => [...this.players.values()],
      GetPlayerFromId: (source: unknown) => this.players.get(Number(source)),
      Jobs: ESX_JOBS,
    }),
  };

  /** `version` below 1.11 sends jobs without onDuty. */
  constructor(private readonly version = '1.13.5') {
    super();
  }

  preload(source: number, job: string, onDuty?: boolean): this {
    this.players.set(source, this.xPlayer(source, this.job(job, onDuty)));
    return this;
  }

  login(source: number, job: string, onDuty?: boolean): void {
    const xPlayer = this.xPlayer(source, this.job(job, onDuty));
    this.players.set(source, xPlayer);
    this.emit('esx:playerLoaded', source, xPlayer, false);
  }

  /** xPlayer.setJob(name, grade, onDuty): unemployed is never on duty; else Config.DefaultJobDuty. */
  setJob(source: number, name: string, onDuty?: boolean): void {
    const xPlayer = this.players.get(source);
    if (!xPlayer) throw new Error(`es_extended stand-in: player ${source} is not loaded`);
    const lastJob = xPlayer.job;
    xPlayer.job = this.job(name, onDuty);
    this.emit('esx:setJob', source, xPlayer.job, lastJob);
  }

  logout(source: number): void {
    this.players.delete(source);
    this.emit('esx:playerLogout', source);
  }

  private job(name: string, onDuty?: boolean): EsxJob {
    const definition = ESX_JOBS[name];
    if (!definition) throw new Error(`es_extended stand-in: no job ${name}`);
    const duty = name === 'unemployed' ? false : (onDuty ?? true);
    const hasDuty = Number(this.version.split('.')[1]) >= 11 || Number(this.version.split('.')[0]) > 1;
    return {
      id: 1,
      name,
      label: definition.label,
      type: definition.type,
      ...(hasDuty ? { onDuty: duty } : {}),
      grade: 0,
      grade_name: 'recruit',
      grade_label: 'Recruit',
      grade_salary: 20,
      skin_male: {},
      skin_female: {},
    };
  }

  private xPlayer(source: number, job: EsxJob): XPlayer {
    return { source, identifier: `char1:${source}`, job, getJob: () => this.players.get(source)?.job };
  }
}
