/** Which online players get an alert of one kind, by the rules in its config; muted players never do. */
import type { Players } from '../runtime';
import type { AlertKindConfig } from './config';
import type { IdentityMap } from './identity';
import type { MuteList } from './mute-list';

/**
 * ACE answers are kept this long: one alert checks every online player, and each check is a native call,
 * so a busy server would otherwise pay thousands of calls per alert. A grant or revoke applies within it.
 */
export const ACE_CACHE_MS = 10_000;

interface AceAnswer {
  allowed: boolean;
  at: number;
}

export class Recipients {
  /** ace → player → answer. */
  private readonly aceAnswers = new Map<string, Map<number, AceAnswer>>();

  constructor(
    private readonly players: Players,
    private readonly identity: IdentityMap,
    private readonly mutes: MuteList,
    private readonly now: () => number,
  ) {}

  /** Forgets a player's answers (call when they drop: server ids are reused). */
  forget(player: number): void {
    for (const answers of this.aceAnswers.values()) answers.delete(player);
  }

  recipientsFor(kind: AlertKindConfig): Set<number> {
    const everyone = kind.recipients.includes('everyone');
    const onDuty = kind.recipients.includes('onDuty');
    const byAce = kind.recipients.includes('ace');
    const now = this.now();
    const out = new Set<number>();
    for (const player of this.players.list()) {
      if (this.mutes.has(player)) continue;
      // Cheapest test first: the ACE check is a native call.
      if (
        everyone ||
        (onDuty && this.identity.isOnDuty(player)) ||
        (byAce && this.isAceAllowed(player, kind.ace, now))
      ) {
        out.add(player);
      }
    }
    return out;
  }

  private isAceAllowed(player: number, ace: string, now: number): boolean {
    let answers = this.aceAnswers.get(ace);
    if (!answers) {
      answers = new Map();
      this.aceAnswers.set(ace, answers);
    }
    const cached = answers.get(player);
    if (cached && now - cached.at < ACE_CACHE_MS) return cached.allowed;
    const allowed = this.players.isAceAllowed(player, ace);
    answers.set(player, { allowed, at: now });
    return allowed;
  }
}
