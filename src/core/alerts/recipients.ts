/**
 * Which online players get an alert of one kind, by the rules in its config; muted players never do.
 * The sets are kept up to date as players join and drop, units log in and out, and ACE answers
 * refresh, so an alert costs in proportion to its recipients, not to everyone online.
 */
import type { Players, Timers } from '../runtime';
import type { AlertKindConfig } from './config';
import type { IdentityMap } from './identity';
import type { MuteList } from './mute';

/** A grant or revoke of an alert ACE reaches the recipient sets within this long. */
export const ACE_REFRESH_MS = 10_000;
/**
 * Each player's ACE answers are asked again once per refresh period, a slice of the players per step,
 * so a busy server pays a few native calls every second instead of thousands at once.
 */
const REFRESH_STEPS = 10;

interface Eligible {
  players: Set<number>;
  /** The identity and ACE generations the set was built from. */
  identity: number;
  aces: number;
}

export class Recipients {
  private readonly online = new Set<number>();
  /** ace → the online players holding it; only the ACEs some kind's `ace` rule names. */
  private readonly holders = new Map<string, Set<number>>();
  /** Bumped whenever an ACE answer changes or a player joins or drops. */
  private aceGeneration = 0;
  /** Per kind, everyone its rules admit before mutes. */
  private readonly eligible = new Map<AlertKindConfig, Eligible>();
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

  /** A fresh set: callers keep it as the players they told, and take dropped players out of it. */
  of(kind: AlertKindConfig): Set<number> {
    const eligible = this.eligibleFor(kind);
    // Copying a whole Set takes V8's fast path; filtering one player at a time is only needed for mutes.
    if (this.mutes.size === 0) return new Set(eligible);
    const out = new Set<number>();
    for (const player of eligible) if (!this.mutes.has(player)) out.add(player);
    return out;
  }

  private eligibleFor(kind: AlertKindConfig): Set<number> {
    const identity = this.identity.generation();
    const cached = this.eligible.get(kind);
    if (cached && cached.identity === identity && cached.aces === this.aceGeneration) return cached.players;
    const rules = kind.recipients;
    let players: Set<number>;
    if (rules.includes('everyone')) {
      players = new Set(this.online);
    } else {
      players = new Set(rules.includes('onDuty') ? this.identity.onDutyPlayers() : []);
      if (rules.includes('ace')) for (const player of this.holders.get(kind.ace) ?? []) players.add(player);
    }
    this.eligible.set(kind, { players, identity, aces: this.aceGeneration });
    return players;
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
    if (this.step === 0) return this.startPeriod();
    const end = Math.min(this.next + this.perStep, this.pending.length);
    for (; this.next < end; this.next += 1) {
      const player = this.pending[this.next] as number;
      if (this.online.has(player)) this.askAces(player);
    }
  }
}
