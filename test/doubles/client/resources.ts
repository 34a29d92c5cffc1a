/**
 * The other resources a game client runs (ox_lib, ps-dispatch, chat): each has a state, as
 * GetResourceState reports it, and exports that answer only while it is started. Every export call is
 * recorded with its arguments as the exporting resource receives them (after the msgpack round trip).
 */
import type { AnyFunction } from '../citizenfx/msgpack-clone';

export interface FakeResource {
  /** Default "started". */
  state?: string;
  exports?: Record<string, AnyFunction>;
}

export interface ExportCall {
  resource: string;
  name: string;
  args: unknown[];
}

export class ClientResources {
  readonly exportCalls: ExportCall[] = [];
  private readonly states = new Map<string, string>();
  private readonly exportTables = new Map<string, Record<string, AnyFunction>>();

  constructor(resources: Record<string, FakeResource> = {}) {
    for (const [name, resource] of Object.entries(resources)) {
      this.states.set(name, resource.state ?? 'started');
      this.exportTables.set(name, resource.exports ?? {});
    }
  }

  /** As the native answers for a resource the client does not know. */
  state(name: string): string {
    return this.states.get(name) ?? 'missing';
  }

  setState(name: string, state: string): void {
    this.states.set(name, state);
  }

  exportOf(resource: string, name: string): AnyFunction | undefined {
    const fn = this.exportTables.get(resource)?.[name];
    if (!fn || this.state(resource) !== 'started') return undefined;
    return (...args) => {
      this.exportCalls.push({ resource, name, args });
      return fn(...args);
    };
  }
}
