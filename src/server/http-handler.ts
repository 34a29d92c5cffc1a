/**
 * Adapts FXServer's SetHttpHandler request/response to the exchange. FXServer crashes on a wrong
 * argument type and corrupts the stream on a second send, so every reply goes through one guarded path.
 */
import type { Exchange, SendReply } from '../core/ingress/exchange';
import type { IngressRequest } from '../core/ingress/ingress';
import { replies } from '../core/ingress/replies';
import type { Timers } from '../core/runtime';

/** The request FXServer hands to the handler (msgpack-marshalled, exactly these members). */
export interface FxRequest {
  address: string;
  headers: Record<string, string>;
  method: string;
  path: string;
  setDataHandler(handler: (body: string) => void): void;
  setCancelHandler(handler: () => void): void;
}

export interface FxResponse {
  writeHead(status: number, headers: Record<string, string>): void;
  send(data: string): void;
}

// FXServer closes an idle connection after 5 s; give up on a missing body (e.g. a chunked body the
// server dropped before we asked for it) early enough to still answer.
const BODY_WAIT_MS = 4000;

/**
 * Case-insensitive, the first spelling in FXServer's own (byte-sorted) map winning. Asked twice per
 * request, so it scans the few names instead of building a lower-cased copy of them all.
 */
function headerLookup(headers: Record<string, string>): IngressRequest['header'] {
  return (name) => {
    for (const key in headers) {
      if (key.length === name.length && key.toLowerCase() === name) return String(headers[key]);
    }
    return undefined;
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The one way a reply reaches FXServer: strings only, an integer status, and never a second send. */
function guardedSend(res: FxResponse, state: { sent: boolean }): SendReply {
  return (reply) => {
    if (state.sent) return;
    state.sent = true;
    const headers: Record<string, string> = { 'Content-Type': JSON_TYPE };
    if (reply.headers) for (const name in reply.headers) headers[name] = String(reply.headers[name]);
    res.writeHead(Math.trunc(reply.status), headers);
    res.send(JSON.stringify(reply.body));
  };
}

export function createFxHttpHandler(
  exchange: Exchange,
  timers: Timers,
): (req: FxRequest, res: FxResponse) => void {
  return (req, res) => {
    const state = { sent: false };
    const send = guardedSend(res, state);
    try {
      const startedAt = performance.now();
      const request: IngressRequest = {
        method: String(req.method),
        path: String(req.path),
        address: String(req.address),
        header: headerLookup(req.headers ?? {}),
      };
      if (exchange.checkHead(request, send)) return;

      let delivered = false;
      let watchdog: unknown;
      const stopWatchdog = () => {
        if (watchdog !== undefined) timers.clearTimeout(watchdog);
        watchdog = undefined;
      };
      req.setDataHandler((body) => {
        delivered = true;
        stopWatchdog();
        if (state.sent) return;
        exchange.receiveBody(request, typeof body === 'string' ? body : String(body), send, startedAt);
      });
      // FXServer usually has the body already and calls back inside setDataHandler: then there is
      // nothing to wait for, and no timer to arm and clear on every push.
      if (delivered) return;
      watchdog = timers.setTimeout(() => exchange.failWith(replies.bodyTimeout(), send), BODY_WAIT_MS);
      req.setCancelHandler(stopWatchdog);
    } catch {
      // The exchange catches its own failures; this guards the adapter itself, since FXServer would
      // otherwise leave the request hanging.
      if (!state.sent) exchange.failWith(replies.internalError(), send);
    }
  };
}
