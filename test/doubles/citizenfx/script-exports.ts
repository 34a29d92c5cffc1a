import { type AnyFunction, callableRef } from './msgpack-clone';
import { hostRealm, type Realm } from './realm';
import { errorText } from './script-calls';

const noSuchExport = (name: string, resource: string) =>
  new Error(`No such export ${name} in resource ${resource}`);

/** Another resource's export, living in the host realm; undefined when it has none (or is not started). */
export type OtherExports = (resource: string, name: string) => AnyFunction | undefined;

/**
 * CitizenFX's `exports`: called as `exports(name, fn)` it registers; read as `exports.<resource>.<name>` it
 * looks the export up, and assigning to it throws. Other resources have only what `otherExports` gives.
 */
export class ScriptExports {
  private readonly table = new Map<string, AnyFunction>();
  readonly global: unknown;

  constructor(
    private readonly resourceName: string,
    private readonly realm: Realm,
    private readonly otherExports: OtherExports = () => undefined,
  ) {
    const register = (name: unknown, fn: unknown) => {
      if (typeof name !== 'string' || typeof fn !== 'function') {
        throw new Error('exports(name, fn): name must be a string and fn a function');
      }
      this.table.set(name, fn as AnyFunction);
    };
    this.global = new Proxy(register, {
      get: (target, key) => (typeof key === 'symbol' ? Reflect.get(target, key) : this.resourceView(key)),
      set: () => {
        throw new Error('cannot set values on exports');
      },
    });
  }

  private resourceView(resource: string): unknown {
    return new Proxy(
      {},
      {
        get: (_target, key) => {
          if (typeof key === 'symbol') return undefined;
          if (resource === this.resourceName) {
            const own = this.table.get(key);
            if (!own) throw noSuchExport(key, resource);
            return callableRef(own, this.realm, this.realm);
          }
          const other = this.otherExports(resource, key);
          if (!other) throw noSuchExport(key, resource);
          return guarded(key, resource, callableRef(other, hostRealm, this.realm));
        },
      },
    );
  }

  /** `exports.<resource>.<name>(...args)` from another resource: arguments and result cross by msgpack. */
  call(name: string, args: unknown[]): unknown {
    const fn = this.table.get(name);
    if (!fn) throw noSuchExport(name, this.resourceName);
    return guarded(name, this.resourceName, callableRef(fn, this.realm, hostRealm))(...args);
  }
}

/** What the caller sees when an export throws. */
function guarded(name: string, resource: string, fn: AnyFunction): AnyFunction {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      throw new Error(
        `An error occurred while calling export ${name} of resource ${resource} (${errorText(error)}), see above for details`,
        { cause: error },
      );
    }
  };
}
