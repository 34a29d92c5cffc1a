/** Frontend sounds: heard by this player only, wherever they stand. */
import type { Look } from '../shared/alert-payloads';

export function playSound(sound: NonNullable<Look['sound']>): void {
  // -1: a fire-and-forget sound, no id to release afterwards.
  PlaySoundFrontend(-1, sound.name, sound.set, true);
}
