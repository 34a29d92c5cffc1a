// The page's own tones, synthesised at build time as small WAV files (dist/nui/tone-<name>.wav): no
// recording to license, and the page plays them through the same queue as CAD audio. Part of this
// project, under its licence (MIT).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RATE = 16000;

/** 16-bit mono PCM in a RIFF/WAVE container; `samples` from -1 to 1. */
export function wav(samples, rate = RATE) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((value, index) => {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, value)) * 32767), index * 2);
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Notes as [Hz, seconds] (0 Hz: a rest), each with 5 ms fades so nothing clicks. */
export function melody(notes, rate = RATE) {
  const out = [];
  const fade = Math.round(rate * 0.005);
  for (const [hz, seconds] of notes) {
    const length = Math.round(rate * seconds);
    for (let i = 0; i < length; i++) {
      const edge = Math.min(1, i / fade, (length - 1 - i) / fade);
      out.push(hz === 0 ? 0 : 0.5 * edge * Math.sin((2 * Math.PI * hz * i) / rate));
    }
  }
  return out;
}

/** Station tones by the name a station alert sends; `pager` is the pages' own. */
export const TONES = {
  // The two-tone alert pagers are known for, twice.
  pager: [
    [1050, 0.35],
    [1400, 0.35],
    [0, 0.1],
    [1050, 0.35],
    [1400, 0.35],
  ],
  tone1: [
    [660, 0.2],
    [880, 0.2],
    [1100, 0.4],
    [0, 0.15],
    [660, 0.2],
    [880, 0.2],
    [1100, 0.4],
  ],
  tone2: [
    [950, 0.5],
    [700, 0.5],
    [950, 0.5],
    [700, 0.5],
  ],
  tone3: [
    [1200, 0.12],
    [0, 0.08],
    [1200, 0.12],
    [0, 0.08],
    [1200, 0.12],
    [0, 0.3],
    [900, 0.6],
  ],
};

export function writeTones(dir) {
  for (const [name, notes] of Object.entries(TONES)) {
    writeFileSync(join(dir, `tone-${name}.wav`), wav(melody(notes)));
  }
}
