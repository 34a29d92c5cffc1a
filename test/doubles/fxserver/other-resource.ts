/**
 * Another resource on the server beside ours, such as a framework: what our script can reach of it is
 * its server exports and the local server events it triggers.
 */
import type { AnyFunction } from '../citizenfx/msgpack-clone';

export type TriggerEvent = (name: string, ...args: unknown[]) => void;

export interface OtherResource {
  readonly name: string;
  /** Called as `exports[name][export](...)`; arguments and results cross by msgpack. */
  readonly exports: Readonly<Record<string, AnyFunction>>;
  /** The double hands the resource its TriggerEvent when it starts. */
  attach(trigger: TriggerEvent): void;
}
