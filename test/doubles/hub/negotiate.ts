/**
 * The hub's `POST …/negotiate` (version 1), with what a test may make of it: an HTTP error, a redirect to
 * another hub with an access token (Azure SignalR Service's answer), a hub that wants that token, and the
 * transports it offers.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const AFFINITY_COOKIE = 'ARRAffinity';

export interface NegotiateRules {
  /** Every negotiate gets this HTTP status and no connection (a hub in trouble); null: answered. */
  status: number | null;
  /** Every negotiate gets this redirect instead of a connection. */
  redirect: { url: string; accessToken?: string } | null;
  /** Negotiate and the upgrade need `Authorization: Bearer <token>`; others get 401. */
  requireToken: string | null;
  /** The transports offered, by name. */
  transports: string[];
}

export const defaultRules = (): NegotiateRules => ({
  status: null,
  redirect: null,
  requireToken: null,
  transports: ['WebSockets'],
});

/** The request carries the token the rules want (or none is wanted). */
const authorized = (rules: NegotiateRules, req: IncomingMessage) =>
  rules.requireToken === null || req.headers.authorization === `Bearer ${rules.requireToken}`;

/** Answers a negotiate; returns the connection token it handed out, if any. */
function negotiate(rules: NegotiateRules, req: IncomingMessage, res: ServerResponse): string | null {
  if (!authorized(rules, req)) {
    res.writeHead(401).end();
    return null;
  }
  if (rules.status !== null) {
    res.writeHead(rules.status, { 'content-type': 'text/plain' }).end('Internal Server Error');
    return null;
  }
  res.setHeader('content-type', 'application/json');
  if (rules.redirect) {
    res.writeHead(200).end(JSON.stringify(rules.redirect));
    return null;
  }
  const connectionId = randomUUID();
  const connectionToken = randomUUID();
  res.writeHead(200, { 'set-cookie': `${AFFINITY_COOKIE}=${connectionId}; Path=/; HttpOnly` });
  res.end(
    JSON.stringify({
      negotiateVersion: 1,
      connectionId,
      connectionToken,
      availableTransports: rules.transports.map((transport) => ({
        transport,
        transferFormats: ['Text', 'Binary'],
      })),
    }),
  );
  return connectionToken;
}

/** One hub's negotiate requests and the upgrades that redeem their connection tokens. */
export class Negotiation {
  readonly rules: NegotiateRules = defaultRules();
  /** The headers of each negotiate request. */
  readonly requests: IncomingMessage['headers'][] = [];
  /** Upgrades refused (a wrong Bearer token or an unknown id). */
  readonly refusedUpgrades: string[] = [];
  private readonly pending = new Set<string>();

  answer(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push(req.headers);
    const token = negotiate(this.rules, req, res);
    if (token !== null) this.pending.add(token);
  }

  /** An upgrade's connection token (null when it has no `id`), or the HTTP status that refuses it. */
  admit(req: IncomingMessage, url: URL): { token: string | null } | { refused: string } {
    const token = url.searchParams.get('id');
    if (!authorized(this.rules, req)) {
      this.refusedUpgrades.push(token ?? '');
      return { refused: '401 Unauthorized' };
    }
    if (token !== null && !this.pending.delete(token)) {
      this.refusedUpgrades.push(token);
      return { refused: '404 Not Found' };
    }
    return { token };
  }
}
