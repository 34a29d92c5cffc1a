/**
 * The optional postal table: where a 911 call without coordinates gets its blip. Two formats: an object
 * `{ "8061": { "x": 231.5, "y": -791.2 } }`, or the array nearest-postal ships, `[{ "code": "8061", "x": …, "y": … }]`.
 */
import * as z from 'zod/mini';
import type { Position } from '../../shared/alert-payloads';
import type { Logger } from '../log';

/** Built only when a postal file is configured, not at every start. */
function postalFileSchema() {
  const point = { x: z.number(), y: z.number() };
  return z.union([
    z.record(z.string(), z.object(point)),
    z.array(z.object({ ...point, code: z.union([z.string(), z.number()]) })),
  ]);
}

export type Postals = ReadonlyMap<string, Position>;

export function postalKey(postal: string): string {
  return postal.trim().toUpperCase();
}

export function loadPostals(readFile: (path: string) => string | null, path: string, log: Logger): Postals {
  const postals = new Map<string, Position>();
  if (!path) return postals;
  const text = readFile(path);
  if (text === null) {
    log.warn(`The postal file ${path} is missing: 911 calls without coordinates get no blip.`);
    return postals;
  }
  let parsed: z.output<ReturnType<typeof postalFileSchema>>;
  try {
    parsed = postalFileSchema().parse(JSON.parse(text));
  } catch {
    log.warn(
      `The postal file ${path} is not a postal → {x, y} table: 911 calls without coordinates get no blip.`,
    );
    return postals;
  }
  const entries = Array.isArray(parsed)
    ? parsed.map(({ code, x, y }) => [String(code), { x, y }] as const)
    : Object.entries(parsed);
  for (const [code, { x, y }] of entries) postals.set(postalKey(code), { x, y, z: 0 });
  log.info(`Loaded ${postals.size} postals from ${path}.`);
  return postals;
}
