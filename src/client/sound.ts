/** Frontend sounds: heard by this player only, wherever they stand. */
import type { AlertStyle } from '../shared/alert-payloads';

export function playSound(sound: NonNullable<AlertStyle['sound']>): void {
  // -1: a fire-and-forget sound, no id to release afterwards.
  PlaySoundFrontend(-1, sound.name, sound.set, true);
}
