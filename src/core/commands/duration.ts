/** How operator commands write amounts of time. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Two units at most: "3 d 4 h", "12 min 5 s", "850 ms". */
export function duration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < SECOND) return `${Math.round(value)} ms`;
  const units: [number, string][] = [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'min'],
    [SECOND, 's'],
  ];
  const first = units.findIndex(([size]) => value >= size);
  const [size, name] = units[first]!;
  const whole = Math.floor(value / size);
  const next = units[first + 1];
  if (!next) return `${whole} ${name}`;
  const rest = Math.floor((value - whole * size) / next[0]);
  return rest === 0 ? `${whole} ${name}` : `${whole} ${name} ${rest} ${next[1]}`;
}

/** A wall-clock moment: "2026-11-29 18:40:46 UTC". */
export const clock = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
