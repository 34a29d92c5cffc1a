import { FatalServerCrash } from '../fxserver/fatal';
import { type AnyFunction, cloneInto } from './msgpack-clone';
import type { Realm } from './realm';
import { errorText } from './script-calls';

/** `net:<id>` for events a player sent, `''` for local ones, as FXServer passes them to main.js. */
export type EventSource = string;

export const localSource: EventSource = '';
/** A player sent the event: only names marked net-safe get through. */
export const playerSource = (id: number): EventSource => `net:${id}`;
/** The server raised the event about a player (playerJoining, playerDropped): no net-safety check. */
export const serverPlayerSource = (id: number): EventSource => `internal-net:${id}`;

function sourceValue(raw: EventSource): unknown {
  if (raw.startsWith('net:')) return Number.parseInt(raw.slice(4), 10);
  if (raw.startsWith('internal-net:')) return Number.parseInt(raw.slice(13), 10);
  return raw;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * The script's event listeners, run the way main.js runs them: synchronously, arguments unpacked into the
 * script's realm, the global `source` set for the call and then reset to null (not restored: a nested
 * emit clears it for the rest of the outer handler, as on FXServer).
 */
export class ScriptEvents {
  private readonly handlers = new Map<string, AnyFunction[]>();
  private readonly netSafe = new Set<string>();

  constructor(
    private readonly realm: Realm,
    private readonly setSource: (value: unknown) => void,
    private readonly log: (line: string) => void,
  ) {}

  on(name: string, handler: unknown): void {
    if (typeof handler !== 'function') return;
    const list = this.handlers.get(name) ?? [];
    list.push(handler as AnyFunction);
    this.handlers.set(name, list);
  }

  /** Marks the event as one players may send; the handler is optional, as with RegisterNetEvent. */
  onNet(name: string, handler?: unknown): void {
    this.netSafe.add(name);
    this.on(name, handler);
  }

  off(name: string, handler: unknown): void {
    const list = this.handlers.get(name);
    const at = list?.indexOf(handler as AnyFunction) ?? -1;
    if (list && at !== -1) list.splice(at, 1);
  }

  /** Delivers an event whose arguments live in realm `from`. */
  trigger(name: string, args: unknown[], from: Realm, source: EventSource): void {
    const listeners = [...(this.handlers.get(name) ?? [])];
    if (listeners.length === 0) return;
    if (source.startsWith('net:') && !this.netSafe.has(name)) {
      this.log(`Event ${name} was not safe for net`);
      return;
    }
    const data = cloneInto(args, this.realm, from) as unknown[];
    this.setSource(sourceValue(source));
    try {
      for (const listener of listeners) this.invoke(name, listener, data);
    } finally {
      this.setSource(null);
    }
  }

  private invoke(name: string, listener: AnyFunction, data: unknown[]): void {
    try {
      const result = listener(...data);
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) =>
          this.log(`Unhandled promise failure: ${errorText(error)}`),
        );
      }
    } catch (error) {
      if (!(error instanceof FatalServerCrash))
        this.log(`SCRIPT ERROR in event \`${name}': ${errorText(error)}`);
    }
  }
}
