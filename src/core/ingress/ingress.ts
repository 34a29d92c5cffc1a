/**
 * The HTTP-facing stage, independent of the host: decides from the request head whether to read the
 * body at all, then turns the body into an authenticated envelope or a precise refusal. `admit` is the
 * part every transport shares: parse, key check (throttled per source), type check.
 */

import type { Logger } from '../log';
import { type Envelope, parseEnvelope, typeProblem } from '../validate/envelope';
import type { KeyVerifier } from './api-key';
import { type AuthThrottle, hostOf } from './auth-throttle';
import { type Reply, replies } from './replies';
import type { WrongKeyReport } from './wrong-key-report';

export interface IngressRequest {
  method: string;
  /** Path after the resource prefix, query string included (`/event?x=1`), as FXServer hands it over. */
  path: string;
  /** `host:port` of the peer, IPv6 bracketed. */
  address: string;
  /** Case-insensitive header lookup. */
  header(name: string): string | undefined;
}

export interface IngressOutcome {
  reply: Reply;
  /** Work that must wait until the reply is on its way (local events, alerts, delivery). */
  afterReply?: () => void;
  /** The event type, when the body got that far (for the per-event log line). */
  type?: string;
}

export interface IngressDeps {
  maxBodyBytes: number;
  /** Null when pushes cannot be verified (no key, bad config): every push is answered `unavailable`. */
  verifyKey: KeyVerifier | null;
  /** The 503 to give while verifyKey is null; defaults to "no API key configured". */
  unavailable?: Reply;
  throttle: AuthThrottle;
  /** Prints wrong keys per source, at most a line a minute each. */
  wrongKeys: WrongKeyReport;
  log: Logger;
  /** Takes an authenticated envelope whose type is a string. Must not throw. */
  handleAuthenticated(envelope: Envelope): IngressOutcome;
  /** Counts every failed key. */
  onAuthFailure?(): void;
}

export interface Ingress {
  /** A reply when the head alone decides; null means: read the body, then call receiveBody(). */
  checkHead(request: IngressRequest): Reply | null;
  receiveBody(request: IngressRequest, body: string): IngressOutcome;
  /**
   * A whole push from any transport: parsed, its key checked (wrong keys throttled per `source`, an
   * address or another transport's name), its type checked, then handed on. Must not throw.
   */
  admit(body: string, source: string): IngressOutcome;
}

const EVENT_ROUTE = /^\/event\/?$/i;

/** 404 off the event route, 405 for anything but POST; null for a POST to the route. */
export function routeReply(request: Pick<IngressRequest, 'method' | 'path'>): Reply | null {
  const query = request.path.indexOf('?');
  const path = query === -1 ? request.path : request.path.slice(0, query);
  if (!EVENT_ROUTE.test(path)) return replies.notFound(path);
  if (request.method !== 'POST') return replies.methodNotAllowed(request.method);
  return null;
}

function declaredLength(request: IngressRequest): number | null {
  const raw = request.header('content-length');
  if (raw === undefined) return null;
  const length = Number(raw.trim());
  return Number.isFinite(length) && length >= 0 ? length : null;
}

export function createIngress(deps: IngressDeps): Ingress {
  const { log, throttle } = deps;
  const unavailable = deps.unavailable ?? replies.noKeyConfigured();

  /** `sourceOf` is only asked when the key is wrong: naming an HTTP peer means parsing its address. */
  const admitFrom = (body: string, sourceOf: () => string): IngressOutcome => {
    if (!deps.verifyKey) return { reply: unavailable };
    const parsed = parseEnvelope(body);
    if (!parsed.ok) return { reply: replies.badRequest(parsed.message) };
    const { envelope } = parsed;

    if (!deps.verifyKey(envelope.key)) {
      deps.onAuthFailure?.();
      const source = sourceOf();
      deps.wrongKeys.failed(source);
      if (throttle.fail(source))
        log.warn(`Too many wrong keys from ${source}: answering it 429 for a while.`);
      return { reply: replies.unauthorized() };
    }
    const problem = typeProblem(envelope);
    if (problem) return { reply: replies.badRequest(problem) };
    return deps.handleAuthenticated(envelope);
  };

  return {
    checkHead(request) {
      const route = routeReply(request);
      if (route) return route;
      // No address has failed a key in the usual case: then there is no address to parse and look up.
      const blockedMs = throttle.tracked === 0 ? 0 : throttle.blockedFor(hostOf(request.address));
      if (blockedMs > 0) return replies.throttled(blockedMs);
      if (!deps.verifyKey) return unavailable;
      const length = declaredLength(request);
      if (length !== null && length > deps.maxBodyBytes) return replies.tooLarge(deps.maxBodyBytes);
      const chunked = request.header('transfer-encoding')?.trim().toLowerCase() === 'chunked';
      // FXServer never fires the data handler for a bodyless request: answer now or it would hang.
      if (!chunked && !length) return replies.emptyBody();
      return null;
    },

    receiveBody(request, body) {
      // A chunked body has no declared length, so the cap is enforced on what arrived.
      if (body.length > deps.maxBodyBytes / 4 && Buffer.byteLength(body) > deps.maxBodyBytes) {
        return { reply: replies.tooLarge(deps.maxBodyBytes) };
      }
      if (body.length === 0) return { reply: replies.emptyBody() };
      return admitFrom(body, () => hostOf(request.address));
    },

    admit: (body, source) => admitFrom(body, () => source),
  };
}
