/**
 * Which online players get an alert of one kind, by the rules in its config; muted players never do.
 * The sets are kept up to date as players join and drop, units log in, out or change department, the
 * framework changes someone's job or duty, and ACE answers refresh, so an alert costs in proportion to its recipients, not to everyone online.
 */
import type { JobDirectory } from '../framework/jobs';
import type { Players, Timers } from '../runtime';
import type { AlertKindConfig } from './config';
import type { IdentityMap } from './identity';
import type { MuteList } from './mute-list';
import { compileRules, type RuleSet, unitMatches } from './recipient-rules';

/** A grant or revoke of an alert ACE reaches the recipient sets within this long. */
export const ACE_REFRESH_MS = 10_000;
/**
 * Each player's ACE answers are asked again once per refresh period, a slice of the players per step,
 * so a busy server pays a few native calls every second instead of thousands at once.
 */
const REFRESH_STEPS = 10;

interface Built {
  players: ReadonlySet<number>;
  /** The identity, ACE, mute and job generations the set was built from. */
  identity: number;
  aces: number;
  mutes: number;
  jobs: number;
}

export class Recipients {
  private readonly online = new Set<number>();
  /** ace → the online players holding it; only the ACEs some kind's `ace` rule names. */
  private readonly holders = new Map<string, Set<number>>();
  /** Bumped whenever an ACE answer changes or a player joins or drops. */
  private aceGeneration = 0;
  /** Per kind, the recipients as last built. */
  private readonly built = new Map<AlertKindConfig, Built>();
  /** Per kind, its rules read once. */
  private readonly rules = new Map<AlertKindConfig, RuleSet>();
  /** The players to ask again in this refresh period, how far that got, and how many to ask per step. */
  private pending: number[] = [];
  private next = 0;
  private perStep = 0;
  private step = 0;
  private readonly timer: unknown;

  constructor(
    private readonly players: Players,
    private readonly identity: IdentityMap,
    private readonly mutes: MuteList,
    private readonly timers: Timers,
    kinds: readonly AlertKindConfig[],
    /** Framework jobs, when some kind has job rules. */
    private readonly jobs: JobDirectory | null = null,
  ) {
    for (const kind of kinds) if (kind.recipients.includes('ace')) this.holders.set(kind.ace, new Set());
    for (const player of players.list()) this.join(player);
    this.startPeriod();
    this.timer =
      this.holders.size > 0
        ? timers.setInterval(() => this.refreshStep(), ACE_REFRESH_MS / REFRESH_STEPS)
        : undefined;
  }

  join(player: number): void {
    this.online.add(player);
    this.askAces(player);
    this.aceGeneration += 1;
  }

  /** A player left: server ids are reused, so nothing about them is kept. */
  drop(player: number): void {
    this.online.delete(player);
    for (const holders of this.holders.values()) holders.delete(player);
    this.aceGeneration += 1;
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clearInterval(this.timer);
  }

  /**
   * The same set until something it depends on changes, then a new one: never changed after it is
   * handed out, so callers may keep it as the players they told without copying it on every alert.
   */
  recipientsFor(kind: AlertKindConfig): ReadonlySet<number> {
    const identity = this.identity.generation();
    const jobs = this.jobs?.generation ?? 0;
    const cached = this.built.get(kind);
    if (
      cached &&
      cached.identity === identity &&
      cached.aces === this.aceGeneration &&
      cached.mutes === this.mutes.version &&
      cached.jobs === jobs
    ) {
      return cached.players;
    }
    const rules = this.rulesOf(kind);
    const chosen = new Set<number>();
    const add = (player: number) => {
      if (!this.mutes.has(player)) chosen.add(player);
    };
    if (rules.everyone) {
      this.online.forEach(add);
    } else {
      if (rules.onDuty || rules.unit.size > 0) this.addUnits(rules, add);
      if (rules.ace) this.holders.get(kind.ace)?.forEach(add);
      if (rules.jobNames.size > 0 || rules.jobTypes.size > 0) this.addJobs(rules, add);
    }
    // By server id, whatever rule admitted each: net events go out in the same order every time.
    const players = new Set([...chosen].sort((a, b) => a - b));
    this.built.set(kind, { players, identity, aces: this.aceGeneration, mutes: this.mutes.version, jobs });
    return players;
  }

  private rulesOf(kind: AlertKindConfig): RuleSet {
    let rules = this.rules.get(kind);
    if (!rules) {
      rules = compileRules(kind.recipients);
      this.rules.set(kind, rules);
    }
    return rules;
  }

  /** Players mapped to a CAD unit, all of them or those whose unit's fields a rule names. */
  private addUnits(rules: RuleSet, add: (player: number) => void): void {
    for (const player of this.identity.onDutyPlayers()) {
      if (rules.onDuty) add(player);
      else {
        const fields = this.identity.unitFields(player);
        if (fields && unitMatches(rules, fields)) add(player);
      }
    }
  }

  /** From the directory's indexes: the players of the jobs named, not everyone with a job. */
  private addJobs(rules: RuleSet, add: (player: number) => void): void {
    const jobs = this.jobs;
    if (!jobs) return;
    const pick = (players: Iterable<number> | undefined, needsDuty: boolean) => {
      for (const player of players ?? []) {
        if (this.online.has(player) && (!needsDuty || jobs.get(player)?.onDuty !== false)) add(player);
      }
    };
    for (const [name, needsDuty] of rules.jobNames) pick(jobs.withName(name), needsDuty);
    for (const [type, needsDuty] of rules.jobTypes) pick(jobs.withType(type), needsDuty);
  }

  private askAces(player: number): void {
    for (const [ace, holders] of this.holders) {
      const allowed = this.players.isAceAllowed(player, ace);
      if (allowed === holders.has(player)) continue;
      if (allowed) holders.add(player);
      else holders.delete(player);
      this.aceGeneration += 1;
    }
  }

  /** One step of each period is spent here, so the other steps cover everyone within it. */
  private startPeriod(): void {
    this.pending = [...this.online];
    this.next = 0;
    this.perStep = Math.ceil(this.pending.length / (REFRESH_STEPS - 1));
  }

  private refreshStep(): void {
    this.step = (this.step + 1) % REFRESH_STEPS;
    if (this.step === 0) {
      this.startPeriod();
      return;
    }
    const end = Math.min(this.next + this.perStep, this.pending.length);
    for (; this.next < end; this.next += 1) {
      const player = this.pending[this.next] as number;
      if (this.online.has(player)) this.askAces(player);
    }
  }
}
