/** The online players of CAD units, as one alert reaches them: each once, muted players never. */
import type { IdentityMap } from '../identity';
import type { MuteList } from '../mute-list';

export class Audience {
  constructor(
    private readonly identity: IdentityMap,
    private readonly mutes: MuteList,
  ) {}

  /** The player of a unit, or null when it has none online or they muted alerts. */
  playerOf(identId: number): number | null {
    const player = this.identity.playerOf(identId);
    return player === null || this.mutes.has(player) ? null : player;
  }

  isMuted(player: number): boolean {
    return this.mutes.has(player);
  }

  /** Adds the players of `units` to `into`. */
  addUnits(units: Iterable<number>, into: Set<number>): void {
    for (const unit of units) {
      const player = this.playerOf(unit);
      if (player !== null) into.add(player);
    }
  }
}

/** Net events go out by server id, the same order every time. */
export function sorted(players: Iterable<number>): number[] {
  return [...players].sort((a, b) => a - b);
}
