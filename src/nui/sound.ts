/**
 * The page's own sounds, synthesised: no audio file to ship or fetch. NUI audio bypasses the game's mixer,
 * so the player's volume setting is the only control it has.
 */
import type { Tone } from './kinds';

let context: AudioContext | null = null;

export function playTone(tone: Tone, volume: number): void {
  if (volume <= 0) return;
  context ??= new AudioContext();
  const start = context.currentTime;
  const gain = context.createGain();
  gain.gain.value = volume * 0.3;
  gain.connect(context.destination);
  tone.notes.forEach((hz, index) => {
    const oscillator = context!.createOscillator();
    oscillator.type = 'square';
    oscillator.frequency.value = hz;
    oscillator.connect(gain);
    oscillator.start(start + index * tone.beat);
    oscillator.stop(start + (index + 1) * tone.beat * 0.9);
  });
}
