/**
 * The HTTP client for negotiation: global fetch, and the cookies the hub sets (a load balancer's
 * affinity cookie) sent back on the WebSocket upgrade so both requests reach the same hub instance.
 */
import type { HttpClient, HttpError, HttpRequest, HttpResponse } from '@microsoft/signalr';

type Signalr = typeof import('@microsoft/signalr');

/** `name=value` of each Set-Cookie, per host; attributes other than the name do not matter here. */
function cookieJar() {
  const byHost = new Map<string, Map<string, string>>();
  return {
    store(url: string, setCookies: string[]) {
      const host = new URL(url).host;
      const jar = byHost.get(host) ?? new Map<string, string>();
      for (const cookie of setCookies) {
        const pair = cookie.split(';', 1)[0] ?? '';
        const equals = pair.indexOf('=');
        if (equals > 0) jar.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
      }
      byHost.set(host, jar);
    },
    header(url: string): string {
      const jar = byHost.get(new URL(url).host);
      return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
    },
  };
}

export function createHttpClient(
  Base: Signalr['HttpClient'],
  Response: Signalr['HttpResponse'],
  ErrorType: Signalr['HttpError'],
): HttpClient {
  const jar = cookieJar();
  class FetchClient extends Base {
    override async send(request: HttpRequest): Promise<HttpResponse> {
      const url = request.url ?? '';
      const signals: AbortSignal[] = [];
      if (request.timeout) signals.push(AbortSignal.timeout(request.timeout));
      const abort = request.abortSignal;
      const controller = new AbortController();
      if (abort) abort.onabort = () => controller.abort();
      signals.push(controller.signal);
      const cookies = jar.header(url);
      const response = await fetch(url, {
        method: request.method ?? 'GET',
        headers: { ...request.headers, ...(cookies ? { Cookie: cookies } : {}) },
        body: request.content as string | undefined,
        signal: AbortSignal.any(signals),
      });
      jar.store(url, response.headers.getSetCookie());
      const text = await response.text();
      if (!response.ok) throw new ErrorType(text || response.statusText, response.status) as HttpError;
      return new Response(response.status, response.statusText, text);
    }

    override getCookieString(url: string): string {
      return jar.header(url.replace(/^ws/, 'http'));
    }
  }
  return new FetchClient();
}
