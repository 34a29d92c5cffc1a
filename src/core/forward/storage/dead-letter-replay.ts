/**
 * `sonorancad forward replay <target>`: the target's dead letters go back on its queue, under their
 * old webhook-ids so receivers can deduplicate, and a target its receiver disabled is enabled again.
 */
import type { Logger } from '../../log';
import type { Timers } from '../../runtime';
import type { Intake } from '../queue/intake';
import type { Lane } from '../queue/lane';
import { withKey } from '../send/keyless-body';
import { skippedLines } from './lines';
import type { ForwardStore } from './store';

export interface DeadLetterReplayDeps {
  store: ForwardStore;
  intake: Intake;
  /** Put back into letters for an includeKey target. */
  apiKey: string;
  timers: Timers;
  log: Logger;
  running: boolean;
}

/**
 * `problem`: why the target's own config keeps it disabled. Returns how many letters were re-queued;
 * throws when it cannot.
 */
export function replayDeadLetters(
  lane: Lane,
  problem: string | undefined,
  deps: DeadLetterReplayDeps,
): number {
  const { name, includeKey } = lane.target;
  // Re-enabling would send without the signature the target was configured with.
  if (problem) throw new Error(`Forward target "${name}" stays disabled: ${problem}. Fix it and restart.`);
  const taken = deps.running ? deps.store.takeDeadLetters(name) : null;
  if (!taken) throw new Error('Forwarding storage is not open; see the console.');
  const { letters, skipped } = taken;
  const unreadable = skippedLines(skipped);
  if (unreadable) deps.log.warn(`Dead letters: ${unreadable}; they stay in the file as they were.`);
  lane.enable();
  // A fresh maxAgeSeconds window from now.
  const at = deps.timers.now();
  for (const { id, type, body, raw } of letters) {
    // Letters from before keys were kept out of them may still hold the received bytes.
    const stored = raw ?? (body !== undefined && includeKey ? withKey(body, deps.apiKey) : body);
    if (stored !== undefined) deps.intake.add(at, type, [name], stored, id);
  }
  return letters.length;
}
