/** node:http in front of the exchange, routed like FXServer routes `/<resource>/…`. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Exchange, SendReply } from '../core/ingress/exchange';
import type { IngressRequest } from '../core/ingress/ingress';
import { type Reply, replies } from '../core/ingress/replies';
import type { Logger } from '../core/log';
import {
  type BodyDeadlines,
  createBodyBudget,
  createBodyDeadlines,
  type ListenerLimits,
  limitConnections,
  rateLimitedWarning,
} from './listener-limits';
import type { TargetsApi } from './targets-api';

function sender(res: ServerResponse, closeAfter: () => boolean): SendReply {
  return (reply) => {
    if (res.headersSent) return;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      ...reply.headers,
    };
    if (closeAfter()) headers.Connection = 'close';
    if (reply.status === 204) {
      delete headers['Content-Type'];
      res.writeHead(204, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    // A declared length spares the chunked framing: one write per reply instead of several.
    headers['Content-Length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
  };
}

/**
 * Reads one header from the raw list: Node builds `req.headers` lazily, and building it for every request
 * costs more than the two lookups the ingress makes. Repeated headers are joined as Node joins them.
 */
function headerOf(raw: string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name) {
      value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`;
    }
  }
  return value;
}

function addressOf(req: IncomingMessage): string {
  const host = req.socket.remoteAddress ?? '0.0.0.0';
  return `${host.includes(':') ? `[${host}]` : host}:${req.socket.remotePort ?? 0}`;
}

/**
 * The ingress' view of one request. A class rather than a literal with closures: nothing is allocated
 * per request beyond the object, and the peer's address is only formatted when asked for (a wrong key,
 * a throttled peer), not for every push.
 */
class NodeRequest implements IngressRequest {
  constructor(
    private readonly req: IncomingMessage,
    readonly method: string,
    readonly path: string,
  ) {}

  get address(): string {
    return addressOf(this.req);
  }

  header(name: string): string | undefined {
    return headerOf(this.req.rawHeaders, name);
  }
}

/** `/sonorancad/event?x` → `/event?x`; null when the prefix is not there. */
function stripPrefix(url: string, prefix: string): string | null {
  if (url.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const rest = url.slice(prefix.length);
  if (rest === '' || rest.startsWith('?')) return `/${rest}`;
  return rest.startsWith('/') ? rest : null;
}

/** The body as text, or null past `limit` bytes (reading stops there and the connection closes after). */
function bodyReader(req: IncomingMessage, res: ServerResponse, tooLarge: () => void) {
  return (limit: number) =>
    new Promise<string | null>((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
        else if (size - chunk.length <= limit) {
          tooLarge();
          res.on('finish', () => req.destroy());
          resolve(null);
        }
      });
      req.on('end', () => {
        if (size <= limit) resolve(Buffer.concat(chunks, size).toString('utf8'));
      });
      req.on('error', () => req.destroy());
    });
}

/** A request given up on (late body, no budget): answered, then its connection closed once the answer is out. */
function giveUp(req: IncomingMessage, res: ServerResponse, answer: () => void): void {
  // Nothing more is read: the rest of the body would only be allocated and thrown away.
  req.socket.pause();
  res.on('finish', () => req.destroy());
  answer();
}

/** The management API answers before or without reading a body: one it did not read closes the connection. */
function serveApi(
  api: TargetsApi,
  req: IncomingMessage,
  res: ServerResponse,
  request: IngressRequest,
  deadlines: BodyDeadlines,
): void {
  let closeAfter = false;
  let reading = false;
  const send = sender(res, () => closeAfter);
  const readBody = bodyReader(req, res, () => {
    closeAfter = true;
  });
  deadlines.watch(req, () => {
    if (req.complete || res.headersSent) return;
    closeAfter = true;
    giveUp(req, res, () => send(replies.bodyTimeout()));
  });
  res.on('finish', () => deadlines.done(req));
  req.on('close', () => deadlines.done(req));
  api
    .handle(request, (limit) => {
      reading = true;
      return readBody(limit);
    })
    .catch(
      (): Reply => ({
        status: 500,
        body: { ok: false, error: 'internal_error', message: 'The request failed; see the relay console.' },
      }),
    )
    .then((reply) => {
      if (!reading && !req.complete) {
        closeAfter = true;
        res.on('finish', () => req.destroy());
      }
      send(reply);
    });
}

export interface RelayServerOptions {
  /** Read per request: a reload may change them. */
  maxBodyBytes(): number;
  limits(): ListenerLimits;
  log: Logger;
  api?: TargetsApi | null;
}

export function createRelayServer(
  exchange: Exchange,
  resourceName: string,
  options: RelayServerOptions,
): Server {
  const prefix = `/${resourceName}`;
  const { api = null } = options;
  const budget = createBodyBudget(() => options.limits().maxBufferedBytes);
  const deadlines = createBodyDeadlines();
  const busy = rateLimitedWarning(options.log);

  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    const startedAt = performance.now();
    let closing = false;
    const send = sender(res, () => closing);
    const url = req.url ?? '/';
    const path = stripPrefix(url, prefix);
    if (path === null) {
      req.resume();
      exchange.failWith(replies.notFound(url.split('?', 1)[0] ?? url), send);
      return;
    }
    const request = new NodeRequest(req, req.method ?? 'GET', path);
    if (api?.owns(path)) {
      serveApi(api, req, res, request, deadlines);
      return;
    }
    if (exchange.checkHead(request, send)) {
      req.resume();
      return;
    }

    let chunks: Buffer[] = [];
    let size = 0;
    /** Bytes of this body counted in the budget. */
    let held = 0;
    const release = () => {
      budget.give(held);
      held = 0;
      chunks = [];
    };
    /** Answers and stops reading: what arrived is dropped and the connection closes after the answer. */
    const abandon = (reply: Reply) => {
      closing = true;
      release();
      deadlines.done(req);
      giveUp(req, res, () => exchange.failWith(reply, send));
    };
    const limit = options.maxBodyBytes();
    const refuse = () => {
      busy('Answered 503 to a push: its body would pass http.maxBufferedBytes');
      abandon(replies.busy());
    };
    // A declared body that cannot fit now is refused before any of it is read.
    if (!budget.fits(Number(headerOf(req.rawHeaders, 'content-length') ?? 0))) return refuse();
    deadlines.watch(req, () => abandon(replies.bodyTimeout()));
    req.on('data', (chunk: Buffer) => {
      if (closing) return;
      size += chunk.length;
      if (size > limit) return abandon(replies.tooLarge(limit));
      if (!budget.take(chunk.length)) return refuse();
      held += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (closing) return;
      deadlines.done(req);
      // A push usually arrives in one chunk: decoding it where it lies spares a buffer and a copy.
      const body =
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
      release();
      exchange.receiveBody(request, body, send, startedAt);
    });
    // A connection that went away mid-body: its bytes leave the budget.
    req.on('close', () => {
      deadlines.done(req);
      release();
    });
    req.on('error', () => req.destroy());
  });
  limitConnections(server, options.limits, options.log);
  return server;
}
