/**
 * What every framework stand-in shares: its TriggerEvent once started, and Lua's way of handing a
 * table keyed by server id across (a list when the keys run 1..n, else a map).
 */
import type { AnyFunction } from '../../citizenfx/msgpack-clone';
import type { OtherResource, TriggerEvent } from '../other-resource';

export abstract class FrameworkStandIn implements OtherResource {
  abstract readonly name: string;
  abstract readonly exports: Readonly<Record<string, AnyFunction>>;
  private trigger: TriggerEvent | null = null;

  attach(trigger: TriggerEvent): void {
    this.trigger = trigger;
  }

  /** The framework's TriggerEvent (a local server event). */
  protected emit(name: string, ...args: unknown[]): void {
    if (!this.trigger) throw new Error(`${this.name} stand-in: not started on a server`);
    this.trigger(name, ...args);
  }
}

/** A Lua table keyed by server id, as msgpack carries it out of Lua. */
export function luaTable<T>(bySource: ReadonlyMap<number, T>): T[] | Record<string, T> {
  const keys = [...bySource.keys()].sort((a, b) => a - b);
  if (keys.every((key, i) => key === i + 1)) return keys.map((key) => bySource.get(key) as T);
  return Object.fromEntries(keys.map((key) => [String(key), bySource.get(key) as T]));
}
