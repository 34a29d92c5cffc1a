/** One POST (or PUT) with a timeout, and what its answer means for the event: delivered, retry, dead letter, or stop the target. */
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Timers } from '../../runtime';
import type { Verdict } from '../queue/send-outcome';

export interface Post {
  /** The target's method; a Discord webhook always takes POST. */
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface Answer {
  status: number;
  /** A response header by lower-case name. */
  header(name: string): string | undefined;
  /** The start of the response body, for error lines and Discord's 429 details. */
  text: string;
}

export type PostResult = { ok: true; answer: Answer } | { ok: false; error: string };

export interface Poster {
  post(request: Post): Promise<PostResult>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/** Enough for an error line or a JSON error object; past it the connection is dropped, not downloaded. */
const MAX_ANSWER_CHARS = 8 * 1024;
const MAX_ERROR_CHARS = 200;

const headerValue = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(', ') : value;

/**
 * POSTs over node:http(s) with keep-alive. Not fetch: undici allocates several times more per request
 * (a 10,000-event drain grew the relay by ~90 MB against ~10 MB here), and FXServer builds before Node 22
 * have no global fetch. Redirects are never followed (Standard Webhooks: a 3xx is a failure). The timeout
 * runs on the host's timers and covers the whole exchange, body included.
 */
interface Scheme {
  agent: Agent;
  request(url: URL, options: RequestOptions, answered: (res: IncomingMessage) => void): ClientRequest;
}

interface Transport {
  http: Scheme;
  https: Scheme;
}

/**
 * node:http and node:https load on the first POST, not at start: together they add ~15 ms to every
 * resource start (and `restart sonorancad` hitches the server for as long), and many servers forward nothing.
 */
function loadTransport(): Promise<Transport> {
  return Promise.all([import('node:http'), import('node:https')]).then(([http, https]) => ({
    http: { agent: new http.Agent({ keepAlive: true }), request: http.request },
    https: { agent: new https.Agent({ keepAlive: true }), request: https.request },
  }));
}

export function createPoster(timers: Timers): Poster {
  // One parse per target URL, not per request.
  const urls = new Map<string, URL>();
  let loading: Promise<Transport> | undefined;
  let loaded: Transport | undefined;
  const transport = () =>
    (loading ??= loadTransport().then((ready) => {
      loaded = ready;
      return ready;
    }));
  const send = (schemes: Transport, request: Post) =>
    new Promise<PostResult>((resolve) => {
      let timer: unknown;
      let done = false;
      const finish = (result: PostResult) => {
        if (done) return;
        done = true;
        timers.clearTimeout(timer);
        resolve(result);
      };
      let url = urls.get(request.url);
      if (!url) {
        url = new URL(request.url);
        urls.set(request.url, url);
      }
      const secure = url.protocol === 'https:';
      const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
      const scheme = secure ? schemes.https : schemes.http;
      const req = scheme.request(url, { method: request.method, agent: scheme.agent, headers }, (res) => {
        let text = '';
        const answer = () =>
          finish({
            ok: true,
            answer: { status: res.statusCode ?? 0, header: (name) => headerValue(res.headers[name]), text },
          });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.length < MAX_ANSWER_CHARS) return;
          text = text.slice(0, MAX_ANSWER_CHARS);
          res.destroy();
        });
        // A receiver that sent its status and then dropped the connection has still answered.
        res.on('end', answer);
        res.on('close', answer);
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        finish({ ok: false, error: error.code ?? error.message }),
      );
      timer = timers.setTimeout(() => {
        finish({ ok: false, error: `timed out after ${request.timeoutMs} ms` });
        req.destroy();
      }, request.timeoutMs);
      req.end(request.body);
    });
  return {
    post: (request) => transport().then((schemes) => send(schemes, request)),
    close() {
      loaded?.http.agent.destroy();
      loaded?.https.agent.destroy();
    },
  };
}

function answerSummary(answer: Answer): string {
  const text = answer.text.replace(/\s+/g, ' ').trim();
  return text ? `HTTP ${answer.status}: ${text.slice(0, MAX_ERROR_CHARS)}` : `HTTP ${answer.status}`;
}

/**
 * Network errors, timeouts, 408, 429 and 5xx are worth retrying; 410 (and, for Discord, 401 and 404:
 * a deleted webhook, which Discord asks never to be called again) stops the target; anything else is final.
 */
export function verdictFor(result: PostResult, discord: boolean, now: number): Verdict {
  if (!result.ok) return { kind: 'retry', error: result.error };
  const { answer } = result;
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const error = answerSummary(answer);
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(answer.header('retry-after'), now);
    return retryAfterMs === undefined
      ? { kind: 'retry', error, status }
      : { kind: 'retry', error, status, retryAfterMs };
  }
  if (status === 410 || (discord && (status === 401 || status === 404)))
    return { kind: 'disable', error, status };
  return { kind: 'dead', error, status };
}

/** `Retry-After` as delay-seconds (decimals allowed, as Discord sends) or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
