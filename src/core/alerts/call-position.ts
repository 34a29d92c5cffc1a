/**
 * Where a call is, from what the CAD sent with it: `x`/`y`/`z` in its metadata (numbers, or the strings the
 * official resource writes, `"x": "231.52"`), else its postal's coordinates from the postal table.
 */
import type { Position } from '../../shared/alert-payloads';
import type { Json } from '../json';
import { type Postals, postalKey } from './postals';

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

export function metaNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' && NUMBER.test(value) ? Number(value) : null;
}

export function metaText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function callPosition(meta: Json, postal: string, postals: Postals): Position | null {
  const x = metaNumber(meta.x);
  const y = metaNumber(meta.y);
  if (x !== null && y !== null) return { x, y, z: metaNumber(meta.z) ?? 0 };
  return (postal && postals.get(postalKey(postal))) || null;
}
