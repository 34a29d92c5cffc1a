import http from 'node:http';
import net from 'node:net';
// Taken from node:timers so a test's fake timers cannot stall the double's own machinery.
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import type { AnyFunction } from '../citizenfx/msgpack-clone';
import type { Realm } from '../citizenfx/realm';
import type { CrashReporter } from './fatal';
import { type BodyKind, FxRequest } from './fx-request';
import { FxResponse } from './fx-response';
import type { HostRateLimiter } from './rate-limiter';

/** Request headers the tests use to steer the double; the handler never sees them. */
export const REMOTE_ADDRESS_HEADER = 'x-test-remote-address';
export const BODY_TIMING_HEADER = 'x-test-body-timing';

const MAX_HEADERS = 50;
const MAX_BUFFERED_BYTES = 5 * 1024 * 1024;

export interface BridgeHost {
  readonly resourceName: string;
  readonly realm: Realm;
  readonly hangTimeoutMs: number;
  /** False before the resource started and after it stopped: the route does not exist then. */
  isRouted(): boolean;
  isCrashed(): boolean;
  handler(): AnyFunction | null;
  limiter(): HostRateLimiter | null;
  crash: CrashReporter;
  /** Runs a script callback as a call ref (errors logged, never thrown). */
  call(fn: AnyFunction, args: unknown[]): void;
  recordHang(description: string): void;
}

/** The request target after the resource prefix, or null when this resource's route does not match. */
function matchRoute(target: string, resourceName: string): string | null {
  const prefix = `/${resourceName}/`;
  if (target.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()) {
    return `/${target.slice(prefix.length)}`;
  }
  // The slash-less form is compared byte for byte.
  return target === `/${resourceName}` ? '/' : null;
}

function formatAddress(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `"1.2.3.4:5"` / `"[::1]:5"` → the host part. */
function hostOf(address: string): string {
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
  const colon = address.lastIndexOf(':');
  return colon === -1 ? address : address.slice(0, colon);
}

/** The override header takes `ip`, `ip:port`, `v6` or `[v6]:port`; the real peer port fills a gap. */
function overrideAddress(value: string, realPort: number): string {
  if (value.startsWith('[')) return value.includes(']:') ? value : `${value}:${realPort}`;
  if (net.isIP(value)) return formatAddress(value, realPort);
  return value;
}

function rawHeaderPairs(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

function bodyKindOf(pairs: [string, string][]): BodyKind {
  const first = (name: string) => pairs.find(([n]) => n.toLowerCase() === name)?.[1];
  if (first('transfer-encoding') === 'chunked') return 'chunked';
  const length = Number.parseInt(first('content-length') ?? '', 10);
  return length > 0 ? 'length' : 'none';
}

function plainReply(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** A loopback listener that turns each HTTP request into FXServer's `(req, res)` handler call. */
export class HttpBridge {
  private readonly server: http.Server;
  private readonly hangTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly host: BridgeHost) {
    this.server = http.createServer({ requireHostHeader: false }, (req, res) => this.onRequest(req, res));
    // FXServer never answers `Expect: 100-continue`; Node would, unless the event is taken over.
    this.server.on('checkContinue', (req, res) => this.onRequest(req, res));
    this.server.on('connection', (socket) => {
      if (this.host.isCrashed()) socket.destroy();
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Drops every open connection without a response, as a dying process would. */
  dropConnections(): void {
    this.server.closeAllConnections();
  }

  async close(): Promise<void> {
    for (const timer of this.hangTimers) clearTimeout(timer);
    this.hangTimers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private onRequest(incoming: http.IncomingMessage, out: http.ServerResponse): void {
    if (this.host.isCrashed()) {
      incoming.socket.destroy();
      return;
    }
    const all = rawHeaderPairs(incoming.rawHeaders);
    const testHeader = (name: string) => all.find(([n]) => n.toLowerCase() === name)?.[1];
    const pairs = all.filter(([n]) => {
      const lower = n.toLowerCase();
      return lower !== REMOTE_ADDRESS_HEADER && lower !== BODY_TIMING_HEADER;
    });
    // picohttpparser has room for 50 headers; more fails the parse and the connection just closes.
    if (pairs.length > MAX_HEADERS) {
      incoming.socket.destroy();
      return;
    }
    const override = testHeader(REMOTE_ADDRESS_HEADER);
    const realPort = incoming.socket.remotePort ?? 0;
    const address = override
      ? overrideAddress(override, realPort)
      : formatAddress(incoming.socket.remoteAddress ?? '0.0.0.0', realPort);
    const admitted = this.admit(incoming.url ?? '/', address, out);
    if (!admitted) return;
    this.exchange(incoming, out, {
      ...admitted,
      address,
      pairs,
      late: testHeader(BODY_TIMING_HEADER)?.toLowerCase() === 'late',
    });
  }

  /** Route, rate limit and handler checks, in FXServer's order; answers and returns null on refusal. */
  private admit(
    target: string,
    address: string,
    out: http.ServerResponse,
  ): { target: string; path: string; handler: AnyFunction } | null {
    const path = matchRoute(target, this.host.resourceName);
    if (path === null || !this.host.isRouted()) {
      plainReply(out, 404, `Route ${target} not found.`);
      return null;
    }
    const limiter = this.host.limiter();
    if (limiter && !limiter.allow(hostOf(address))) {
      plainReply(out, 429, 'Rate limit exceeded.');
      return null;
    }
    const handler = this.host.handler();
    if (!handler) {
      plainReply(out, 404, 'Not found.');
      return null;
    }
    return { target, path, handler };
  }

  /** One request's life: body buffering, the handler call, the hang deadline and cancellation. */
  private exchange(
    incoming: http.IncomingMessage,
    out: http.ServerResponse,
    init: {
      target: string;
      path: string;
      handler: AnyFunction;
      address: string;
      pairs: [string, string][];
      late: boolean;
    },
  ): void {
    const host = this.host;
    const headers = new host.realm.Object() as Record<string, string>;
    for (const [name, value] of init.pairs) {
      // std::map::insert keeps the first of two identical names.
      if (!Object.hasOwn(headers, name)) {
        Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
      }
    }

    let hangTimer: NodeJS.Timeout | undefined;
    const stopHangTimer = () => {
      if (!hangTimer) return;
      clearTimeout(hangTimer);
      this.hangTimers.delete(hangTimer);
      hangTimer = undefined;
    };
    const response = new FxResponse(out, host.realm, host.crash, stopHangTimer);
    const request = new FxRequest({
      realm: host.realm,
      address: init.address,
      headers,
      method: incoming.method ?? 'GET',
      path: init.path,
      bodyKind: bodyKindOf(init.pairs),
      crash: host.crash,
      call: (fn, args) => host.call(fn, args),
      schedule: (work) => this.schedule(work),
      responseEnded: () => response.hasEnded,
    });
    out.on('close', () => {
      stopHangTimer();
      request.connectionClosed();
    });

    let aborted = false;
    let dispatched = false;
    let body: Buffer | null = null;
    const deliverLater = (data: Buffer) => this.schedule(() => request.bodyArrived(data));

    const dispatch = () => {
      if (aborted || dispatched) return;
      dispatched = true;
      hangTimer = setTimeout(() => {
        stopHangTimer();
        host.recordHang(`${incoming.method} ${init.target}`);
        incoming.socket.destroy();
      }, host.hangTimeoutMs);
      this.hangTimers.add(hangTimer);
      // The common case: the body shared the headers' TCP segment and is already there.
      if (!init.late && body) request.bodyArrived(body);
      host.call(init.handler, [request.req, response.res]);
      if (init.late && body) deliverLater(body);
    };

    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Over 5 MiB buffered FXServer closes the stream: no response at all.
      if (size > MAX_BUFFERED_BYTES) {
        chunks.length = 0;
        incoming.socket.destroy();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('close', () => {
      aborted = !incoming.complete;
    });
    incoming.on('end', () => {
      body = Buffer.concat(chunks);
      if (!init.late) this.schedule(dispatch);
      else if (dispatched) deliverLater(body);
    });
    if (init.late) this.schedule(dispatch);
  }

  /** Handler, data and cancel callbacks run later on the main thread, never inside the socket callback. */
  private schedule(work: () => void): void {
    setImmediate(() => {
      if (!this.host.isCrashed() && this.host.isRouted()) work();
    });
  }
}
