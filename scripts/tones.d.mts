export function wav(samples: number[], rate?: number): Buffer;
export function melody(notes: [hz: number, seconds: number][], rate?: number): number[];
export const TONES: Record<string, [number, number][]>;
export function writeTones(dir: string): void;
