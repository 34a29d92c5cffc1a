/**
 * Exports other resources call as `exports.<resource>.<name>(…)`. Differences from the official resource:
 * GetUnitById returns the unit (or null), not an index into the unit cache; GetUnitCache holds every unit
 * pushed since start, not only units of connected players; the call caches are keyed by string ids
 * (msgpack cannot carry integer keys from JS). `subscribe`/`unsubscribe` are ours.
 */
import type { CallCache } from '../cache/calls';
import type { UnitCache } from '../cache/units';
import type { PushHandler, Subscribers } from './subscribers';

export interface ExportDeps {
  units: UnitCache;
  calls: CallCache;
  subscribers: Subscribers;
}

export type RegisterExport = (name: string, fn: (...args: never[]) => unknown) => void;

function identId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
}

export function registerPushExports(register: RegisterExport, deps: ExportDeps): void {
  const { units, calls, subscribers } = deps;
  const subscriptions = new Map<number, () => void>();
  let nextId = 1;

  register('GetUnitCache', () => units.all());
  register('GetCallCache', () => calls.dispatch.toObject());
  register('GetEmergencyCache', () => calls.emergency.toObject());
  register('GetUnitById', (value: unknown) => {
    const id = identId(value);
    return id === null ? null : (units.get(id) ?? null);
  });
  /** Returns an id for `unsubscribe`. The handler receives the push body without its key. */
  register('subscribe', (type: unknown, handler: unknown) => {
    if (typeof type !== 'string' || typeof handler !== 'function') {
      throw new TypeError('subscribe(type, handler) needs a type string (or "*") and a function.');
    }
    const id = nextId++;
    subscriptions.set(id, subscribers.subscribe(type, handler as PushHandler));
    return id;
  });
  register('unsubscribe', (id: unknown) => {
    if (typeof id !== 'number') return false;
    const remove = subscriptions.get(id);
    if (!remove) return false;
    subscriptions.delete(id);
    remove();
    return true;
  });
}
