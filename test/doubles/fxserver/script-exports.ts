import { type AnyFunction, callableRef } from '../citizenfx/msgpack-clone';
import { hostRealm, type Realm } from '../citizenfx/realm';
import { errorText } from '../citizenfx/script-calls';

const noSuchExport = (name: string, resource: string) =>
  new Error(`No such export ${name} in resource ${resource}`);

/**
 * CitizenFX's `exports`: called as `exports(name, fn)` it registers; read as `exports.<resource>.<name>` it
 * looks the export up, and assigning to it throws. Only this resource exists, so other names are missing.
 */
export class ScriptExports {
  private readonly table = new Map<string, AnyFunction>();
  readonly global: unknown;

  constructor(
    private readonly resourceName: string,
    private readonly realm: Realm,
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
          const fn = resource === this.resourceName ? this.table.get(key) : undefined;
          if (!fn) throw noSuchExport(key, resource);
          return callableRef(fn, this.realm, this.realm);
        },
      },
    );
  }

  /** `exports.<resource>.<name>(...args)` from another resource: arguments and result cross by msgpack. */
  call(name: string, args: unknown[]): unknown {
    const fn = this.table.get(name);
    if (!fn) throw noSuchExport(name, this.resourceName);
    try {
      return callableRef(fn, this.realm, hostRealm)(...args);
    } catch (error) {
      throw new Error(
        `An error occurred while calling export ${name} of resource ${this.resourceName} (${errorText(error)}), see above for details`,
        { cause: error },
      );
    }
  }
}
