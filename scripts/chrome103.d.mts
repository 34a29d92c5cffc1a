import type { Plugin } from 'esbuild';

export const UNSUPPORTED: { pattern: RegExp; what: string }[];
export function unsupportedIn(text: string): { what: string; line: number }[];
export const chrome103Check: Plugin;
