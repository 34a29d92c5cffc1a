/** node:http in front of the exchange, routed like FXServer routes `/<resource>/…`. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Exchange, SendReply } from '../core/ingress/exchange';
import type { IngressRequest } from '../core/ingress/ingress';
import { replies } from '../core/ingress/replies';

function sender(res: ServerResponse, closeAfter: () => boolean): SendReply {
  return (reply) => {
    if (res.headersSent) return;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      ...reply.headers,
    };
    if (closeAfter()) headers.Connection = 'close';
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

/** `/sonorancad/event?x` → `/event?x`; null when the prefix is not there. */
function stripPrefix(url: string, prefix: string): string | null {
  if (url.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const rest = url.slice(prefix.length);
  if (rest === '' || rest.startsWith('?')) return `/${rest}`;
  return rest.startsWith('/') ? rest : null;
}

export function createRelayServer(
  exchange: Exchange,
  resourceName: string,
  maxBodyBytes: () => number,
): Server {
  const prefix = `/${resourceName}`;

  return createServer((req, res) => {
    const startedAt = performance.now();
    let oversized = false;
    const send = sender(res, () => oversized);
    const url = req.url ?? '/';
    const path = stripPrefix(url, prefix);
    if (path === null) {
      req.resume();
      exchange.failWith(replies.notFound(url.split('?', 1)[0] ?? url), send);
      return;
    }
    const request: IngressRequest = {
      method: req.method ?? 'GET',
      path,
      address: addressOf(req),
      header: (name) => headerOf(req.rawHeaders, name),
    };
    if (exchange.checkHead(request, send)) {
      req.resume();
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    const limit = maxBodyBytes();
    req.on('data', (chunk: Buffer) => {
      if (oversized) return;
      size += chunk.length;
      if (size > limit) {
        oversized = true;
        exchange.failWith(replies.tooLarge(limit), send);
        // Stop reading an oversized stream instead of draining it.
        res.on('finish', () => req.destroy());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!oversized)
        exchange.receiveBody(request, Buffer.concat(chunks, size).toString('utf8'), send, startedAt);
    });
    req.on('error', () => req.destroy());
  });
}
