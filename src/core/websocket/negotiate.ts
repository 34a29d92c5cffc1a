/**
 * Negotiation (version 1) before the WebSocket upgrade, as Microsoft's client does it: POST
 * `{hub}/negotiate`, follow a redirect to another hub with its access token (Azure SignalR Service's
 * answer), check that WebSockets is offered, and say where and how to upgrade. The connection token and
 * the access token are secrets: neither is in an error text or a log line.
 */
import * as z from 'zod/mini';
import type { Logger } from '../log';
import { clip } from '../text';
import { VERSION } from '../version';

/** As the spec allows; Microsoft's JavaScript client follows up to 100. */
export const MAX_REDIRECTS = 10;

/** Where the socket goes, with the headers of its upgrade. */
export interface Upgrade {
  url: string;
  headers: Record<string, string>;
}

const ReplySchema = z.object({
  error: z.optional(z.string()),
  url: z.optional(z.string()),
  accessToken: z.optional(z.string()),
  connectionToken: z.optional(z.string()),
  availableTransports: z.optional(
    z.array(z.object({ transport: z.string(), transferFormats: z.optional(z.array(z.string())) })),
  ),
});
type Reply = z.output<typeof ReplySchema>;

/** A hub's error page can be long, and may quote what it was sent. */
const quoted = (text: string, token: string | null) =>
  clip((token ? text.replaceAll(token, '…') : text).replace(/\s+/g, ' ').trim(), 200);

/** `name=value` of each Set-Cookie from negotiate (a load balancer's affinity cookie), sent on the upgrade. */
function cookieHeader(setCookies: string[]): string {
  return setCookies
    .map((cookie) => (cookie.split(';', 1)[0] ?? '').trim())
    .filter((pair) => pair.indexOf('=') > 0)
    .join('; ');
}

const where = (url: URL) => `${url.origin}${url.pathname}`;

async function post(hubUrl: URL, headers: Record<string, string>, timeoutMs: number, token: string | null) {
  const url = new URL(hubUrl);
  url.pathname = url.pathname.replace(/\/?$/, '/negotiate');
  url.searchParams.set('negotiateVersion', '1');
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'X-Requested-With': 'XMLHttpRequest' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `negotiation with the hub failed: HTTP ${response.status} ${quoted(text, token) || response.statusText}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`negotiation with the hub failed: the answer is not JSON: ${quoted(text, token)}`);
  }
  const reply = ReplySchema.safeParse(json);
  if (!reply.success) throw new Error('negotiation with the hub failed: an answer of an unknown shape');
  return { reply: reply.data, cookie: cookieHeader(response.headers.getSetCookie()) };
}

/** A redirect's target, which must be another http(s) hub. */
function redirected(target: string, from: URL): URL {
  let url: URL;
  try {
    url = new URL(target, from);
  } catch {
    throw new Error('the hub redirected negotiation to something that is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`the hub redirected negotiation to a ${url.protocol} URL, not http(s)`);
  }
  return url;
}

/** WebSockets with text frames must be on offer; the hub is not asked to upgrade otherwise. */
function checkTransports(reply: Reply): void {
  const offered = reply.availableTransports ?? [];
  const usable = offered.some(
    (t) => t.transport === 'WebSockets' && (!t.transferFormats || t.transferFormats.includes('Text')),
  );
  if (usable) return;
  const names = offered.map((t) => clip(t.transport, 40)).join(', ');
  throw new Error(
    `the hub does not offer the WebSockets transport (it offers ${names || 'none'}), so no upgrade was tried`,
  );
}

export async function negotiate(hubUrl: string, timeoutMs: number, log: Logger): Promise<Upgrade> {
  const userAgent = `sonorancad/${VERSION} (Node ${process.versions.node})`;
  let url = new URL(hubUrl);
  let token: string | null = null;
  for (let redirects = 0; ; redirects += 1) {
    const headers: Record<string, string> = {
      'User-Agent': userAgent,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    };
    const { reply, cookie } = await post(url, headers, timeoutMs, token);
    if (reply.error !== undefined) {
      throw new Error(`the hub refused negotiation: ${quoted(reply.error, token)}`);
    }
    if (reply.url !== undefined) {
      if (redirects === MAX_REDIRECTS) {
        throw new Error(`the hub redirected negotiation more than ${MAX_REDIRECTS} times; gave up`);
      }
      url = redirected(reply.url, url);
      // A redirect without a token keeps the one before, as Microsoft's client does.
      if (reply.accessToken) token = reply.accessToken;
      log.debug(`negotiation redirected to ${where(url)}`);
      continue;
    }
    checkTransports(reply);
    if (reply.connectionToken === undefined) throw new Error('the hub negotiated no connection token');
    const socketUrl = new URL(url);
    socketUrl.protocol = socketUrl.protocol.replace(/^http/, 'ws');
    socketUrl.searchParams.set('id', reply.connectionToken);
    log.debug(`negotiated with ${where(url)}`);
    return { url: socketUrl.href, headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) } };
  }
}
