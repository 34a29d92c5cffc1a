/** A webhook receiver on 127.0.0.1 that records every attempt and answers as each test scripts it. */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when the body was in. */
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer only after this long (a slow target). */
  delayMs?: number;
}

/** `index` counts from 0 over all requests this receiver got. */
export type Respond = (request: Received, index: number) => Reply;

export interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  respond: Respond;
  /** Bodies parsed as JSON. */
  json(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startReceiver(respond: Respond = () => ({})): Promise<Receiver> {
  const requests: Received[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const receiver: Receiver = {
    url: '',
    requests,
    respond,
    json: () => requests.map((request) => JSON.parse(request.body)),
    async close() {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: Date.now(),
      };
      requests.push(received);
      const reply = receiver.respond(received, requests.length - 1);
      const answer = () => {
        res.writeHead(reply.status ?? 200, reply.headers);
        res.end(reply.body ?? '');
      };
      if (!reply.delayMs) return answer();
      const timer = setTimeout(() => {
        pending.delete(timer);
        answer();
      }, reply.delayMs);
      pending.add(timer);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  Object.assign(receiver, { url: `http://127.0.0.1:${port}/hook` });
  return receiver;
}

/**
 * Polls until `predicate` holds; fails with `what` after `timeoutMs`. The deadline only bounds a failing
 * test, so it is generous: a machine busy with other test runs can be many times slower than usual.
 * `what` may be a function, read at the deadline, to say where things stood.
 */
export async function until(
  predicate: () => boolean,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
