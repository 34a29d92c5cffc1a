/**
 * Each player's job as the server's framework last told it, indexed by job name and job type so a rule
 * finds its players without looking at anyone else. Names and types are lower-cased.
 */

export interface FrameworkJob {
  name: string;
  /** Empty when the framework gives the job no type. */
  type: string;
  /** null: the framework has no duty (ox_core, ESX before 1.11). */
  onDuty: boolean | null;
}

function same(a: FrameworkJob | undefined, b: FrameworkJob): boolean {
  return a !== undefined && a.name === b.name && a.type === b.type && a.onDuty === b.onDuty;
}

function index(map: Map<string, Set<number>>, key: string, player: number, add: boolean): void {
  if (key === '') return;
  let players = map.get(key);
  if (add) {
    if (!players) {
      players = new Set();
      map.set(key, players);
    }
    players.add(player);
  } else if (players) {
    players.delete(player);
    if (players.size === 0) map.delete(key);
  }
}

export class JobDirectory {
  private readonly jobs = new Map<number, FrameworkJob>();
  private readonly byName = new Map<string, Set<number>>();
  private readonly byType = new Map<string, Set<number>>();
  private version = 0;

  /** Changes whenever any answer below would. */
  get generation(): number {
    return this.version;
  }

  get size(): number {
    return this.jobs.size;
  }

  get(player: number): FrameworkJob | undefined {
    return this.jobs.get(player);
  }

  /** Players holding a job of this (lower-case) name or type. */
  withName(name: string): ReadonlySet<number> | undefined {
    return this.byName.get(name);
  }

  withType(type: string): ReadonlySet<number> | undefined {
    return this.byType.get(type);
  }

  set(player: number, job: FrameworkJob): void {
    const known = this.jobs.get(player);
    if (same(known, job)) return;
    if (known) this.unindex(player, known);
    this.jobs.set(player, job);
    index(this.byName, job.name, player, true);
    index(this.byType, job.type, player, true);
    this.version += 1;
  }

  /** A duty change alone; a player whose job is not known stays unknown. */
  setDuty(player: number, onDuty: boolean): void {
    const known = this.jobs.get(player);
    if (known && known.onDuty !== null) this.set(player, { ...known, onDuty });
  }

  delete(player: number): void {
    const known = this.jobs.get(player);
    if (!known) return;
    this.unindex(player, known);
    this.jobs.delete(player);
    this.version += 1;
  }

  clear(): void {
    if (this.jobs.size === 0) return;
    this.jobs.clear();
    this.byName.clear();
    this.byType.clear();
    this.version += 1;
  }

  private unindex(player: number, job: FrameworkJob): void {
    index(this.byName, job.name, player, false);
    index(this.byType, job.type, player, false);
  }
}
