/** Helpers the event schemas share for fields that have more than one accepted spelling. */
import * as z from 'zod/mini';

/** Fails the parse at `field` when none of its accepted spellings was sent. */
export function missing(ctx: z.core.ParsePayload, field: string, expected: string): never {
  ctx.issues.push({ code: 'custom', message: `expected ${expected}`, path: [field], input: undefined });
  return z.NEVER;
}

/** A list plus a legacy single id, without duplicates. */
export function mergeIds(list: number[] | undefined, one: number | undefined): number[] {
  if (one === undefined) return list ?? [];
  if (!list) return [one];
  return list.includes(one) ? list : [...list, one];
}

/** The first list present, else a legacy single value, else empty. */
export function listOrOne<T>(list: T[] | undefined, one: T | undefined): T[] {
  if (list) return list;
  return one === undefined ? [] : [one];
}
