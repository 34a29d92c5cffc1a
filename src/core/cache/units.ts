/** Units currently logged in to the CAD, as the pushes describe them, keyed by identifier id. */
import { CACHE_DEFAULTS } from '../config/schema';
import type { Unit } from '../validate/unit-schema';
import { BoundedMap } from './bounded-map';

export class UnitCache {
  private readonly units: BoundedMap<number, Unit>;

  constructor(max = CACHE_DEFAULTS.maxUnits) {
    this.units = new BoundedMap(max);
  }

  get size(): number {
    return this.units.size;
  }

  get(id: number): Unit | undefined {
    return this.units.get(id);
  }

  all(): Unit[] {
    return this.units.values();
  }

  set(unit: Unit): void {
    this.units.set(unit.id, unit);
  }

  /** Status and update pushes carry no isDispatch: the value from the login stays. */
  refresh(unit: Unit): Unit {
    const known = this.units.get(unit.id)?.isDispatch;
    const next = unit.isDispatch === undefined && known !== undefined ? { ...unit, isDispatch: known } : unit;
    this.units.set(unit.id, next);
    return next;
  }

  /** A unit logged in as a CAD dispatcher. */
  hasDispatcher(): boolean {
    return this.units.values().some((unit) => unit.isDispatch === true);
  }

  remove(id: number): boolean {
    return this.units.delete(id);
  }

  /**
   * A unit group push: `group` for these units, or none (undefined). Pushes do not carry the group
   * again until the unit's next update, so the cache keeps it from these.
   */
  setGroup(id: number, group: string | undefined): Unit | undefined {
    const unit = this.units.get(id);
    if (!unit) return undefined;
    const updated = { ...unit, data: { ...unit.data, group } };
    this.units.set(id, updated);
    return updated;
  }

  /** Replaces rather than mutates, so a unit already handed to a listener never changes under it. */
  update(id: number, change: Partial<Pick<Unit, 'status' | 'isPanic'>>): Unit | undefined {
    const unit = this.units.get(id);
    if (!unit) return undefined;
    const updated = { ...unit, ...change };
    this.units.set(id, updated);
    return updated;
  }
}
