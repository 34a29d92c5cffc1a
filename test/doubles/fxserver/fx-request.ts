import type { AnyFunction } from '../citizenfx/msgpack-clone';
import { copyArrayBuffer, type Realm } from '../citizenfx/realm';
import type { CrashReporter } from './fatal';
import { dataModeProblem } from './response-guard';

/** How the request declares its body: only these two ways make FXServer call the data handler. */
export type BodyKind = 'none' | 'length' | 'chunked';

export interface FxRequestInit {
  realm: Realm;
  address: string;
  headers: Record<string, string>;
  method: string;
  path: string;
  bodyKind: BodyKind;
  crash: CrashReporter;
  /** Runs a script callback as a call ref (errors logged, never thrown). */
  call(fn: AnyFunction, args: unknown[]): void;
  /** Queues work on the simulated main thread. */
  schedule(work: () => void): void;
  /** True once the response was sent: the cancel handler no longer fires. */
  responseEnded(): boolean;
}

/** The script's `req`: exactly FXServer's six keys, plus the body and cancel plumbing behind them. */
export class FxRequest {
  readonly req: object;
  private dataHandler: AnyFunction | null = null;
  private binary = false;
  private pending: Buffer | null = null;
  private cancelHandler: AnyFunction | null = null;
  private closed = false;

  constructor(private readonly init: FxRequestInit) {
    const req = new init.realm.Object() as Record<string, unknown>;
    req.address = init.address;
    req.headers = init.headers;
    req.method = init.method;
    req.path = init.path;
    req.setDataHandler = (...args: unknown[]) => this.setDataHandler(args);
    req.setCancelHandler = (cb: unknown) => {
      if (typeof cb === 'function') this.cancelHandler = cb as AnyFunction;
    };
    this.req = req;
  }

  private setDataHandler(args: unknown[]): void {
    const [cb, mode] = args;
    const problem = dataModeProblem(args.length, mode);
    if (problem) throw this.init.crash(problem);
    if (typeof cb !== 'function') return;
    this.dataHandler = cb as AnyFunction;
    this.binary = mode === 'binary';
    // A Content-Length body already buffered is handed over inside this very call, as on FXServer.
    if (this.pending) {
      const body = this.pending;
      this.pending = null;
      this.deliver(body);
    }
  }

  /**
   * The whole body is in. With no handler yet, a Content-Length body waits as pending data, and a chunked
   * one is lost: FXServer's chunked path keeps no pending copy.
   */
  bodyArrived(body: Buffer): void {
    if (this.init.bodyKind === 'none' || this.closed) return;
    if (this.dataHandler) this.deliver(body);
    else if (this.init.bodyKind === 'length') this.pending = body;
  }

  private deliver(body: Buffer): void {
    const cb = this.dataHandler!;
    this.dataHandler = null;
    const payload = this.binary ? copyArrayBuffer(body, this.init.realm) : body.toString('utf8');
    this.init.call(cb, [payload]);
  }

  /** The connection went away; the cancel handler runs only if the response never ended. */
  connectionClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    const cb = this.cancelHandler;
    if (!cb || this.init.responseEnded()) return;
    this.init.schedule(() => this.init.call(cb, []));
  }
}
