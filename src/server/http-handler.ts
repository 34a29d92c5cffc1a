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

function headerLookup(headers: Record<string, string>): IngressRequest['header'] {
  const lower = new Map<string, string>();
  // FXServer keeps the sender's casing; the first spelling wins, as in FXServer's own map.
  for (const name of Object.keys(headers)) {
    const key = name.toLowerCase();
    if (!lower.has(key)) lower.set(key, String(headers[name]));
  }
  return (name) => lower.get(name);
}

function guardedSend(res: FxResponse): SendReply & { readonly sent: boolean } {
  let sent = false;
  const send = (reply: Parameters<SendReply>[0]) => {
    if (sent) return;
    sent = true;
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
    for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name] = String(value);
    res.writeHead(Math.trunc(reply.status), headers);
    res.send(JSON.stringify(reply.body));
  };
  return Object.defineProperty(send, 'sent', { get: () => sent }) as SendReply & { readonly sent: boolean };
}

export function createFxHttpHandler(
  exchange: Exchange,
  timers: Timers,
): (req: FxRequest, res: FxResponse) => void {
  return (req, res) => {
    const send = guardedSend(res);
    try {
      const startedAt = timers.now();
      const request: IngressRequest = {
        method: String(req.method),
        path: String(req.path),
        address: String(req.address),
        header: headerLookup(req.headers ?? {}),
      };
      if (exchange.checkHead(request, send)) return;

      let watchdog: unknown = timers.setTimeout(
        () => exchange.failWith(replies.bodyTimeout(), send),
        BODY_WAIT_MS,
      );
      const stopWatchdog = () => {
        if (watchdog === undefined) return;
        timers.clearTimeout(watchdog);
        watchdog = undefined;
      };
      req.setCancelHandler(stopWatchdog);
      req.setDataHandler((body) => {
        stopWatchdog();
        if (send.sent) return;
        exchange.receiveBody(request, typeof body === 'string' ? body : String(body), send, startedAt);
      });
    } catch {
      // The exchange catches its own failures; this guards the adapter itself, since FXServer would
      // otherwise leave the request hanging.
      if (!send.sent) exchange.failWith(replies.internalError(), send);
    }
  };
}
