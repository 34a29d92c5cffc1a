import { type AnyFunction, cloneInto } from '../citizenfx/msgpack-clone';
import { hostRealm, type Realm } from '../citizenfx/realm';
import { errorText } from '../citizenfx/script-calls';
import { FatalServerCrash } from './fatal';

interface Registered {
  name: string;
  handler: AnyFunction;
  restricted: boolean;
}

/**
 * RegisterCommand and the console that runs commands. Names match case-insensitively, re-registering
 * re-points the handler, and a restricted command needs the ace `command.<name>` unless it comes from the
 * console (source 0).
 */
export class CommandTable {
  /** What the resource registered, by the name it used. */
  readonly registered = new Map<string, { restricted: boolean }>();
  private readonly byKey = new Map<string, Registered>();

  constructor(
    private readonly realm: Realm,
    private readonly isAceAllowed: (source: number, ace: string) => boolean,
    private readonly log: (line: string) => void,
  ) {}

  register(name: unknown, handler: unknown, restricted: unknown): void {
    if (typeof name !== 'string' || name === '')
      throw new Error('RegisterCommand: the name must be a string');
    if (typeof handler !== 'function') throw new Error('RegisterCommand: the handler must be a function');
    const key = name.toLowerCase();
    const previous = this.byKey.get(key);
    if (previous) this.registered.delete(previous.name);
    this.byKey.set(key, { name, handler: handler as AnyFunction, restricted: restricted === true });
    this.registered.set(name, { restricted: restricted === true });
  }

  run(name: string, source: number, args: string[]): void {
    const command = this.byKey.get(name.toLowerCase());
    if (!command) {
      this.log(`No such command ${name}.`);
      return;
    }
    if (command.restricted && source !== 0 && !this.isAceAllowed(source, `command.${command.name}`)) {
      this.log(`Access denied for command ${name}.`);
      return;
    }
    const raw = [name, ...args].join(' ');
    const data = cloneInto([source, args, raw], this.realm, hostRealm) as unknown[];
    try {
      command.handler(...data);
    } catch (error) {
      if (!(error instanceof FatalServerCrash)) this.log(`SCRIPT ERROR in call ref: ${errorText(error)}`);
    }
  }

  clear(): void {
    this.byKey.clear();
    this.registered.clear();
  }
}
