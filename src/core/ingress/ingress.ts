/**
 * The HTTP-facing stage, independent of the host: decides from the request head whether to read the
 * body at all, then turns the body into an authenticated envelope or a precise refusal.
 */
import type { Logger } from '../log';
import { type Envelope, parseEnvelope, typeProblem } from '../validate/envelope';
import type { KeyVerifier } from '../verify/api-key';
import { type AuthThrottle, hostOf } from './auth-throttle';
import { type Reply, replies } from './replies';

export interface IngressRequest {
  method: string;
  /** Path after the resource prefix, query string included (`/event?x=1`), as FXServer hands it over. */
  path: string;
  /** `host:port` of the peer, IPv6 bracketed. */
  address: string;
  /** Case-insensitive header lookup. */
  header(name: string): string | undefined;
}

export interface Handled {
  reply: Reply;
  /** Work that must wait until the reply is on its way (local events, alerts, delivery). */
  after?: () => void;
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
  log: Logger;
  /** Takes an authenticated envelope whose type is a string. Must not throw. */
  accept(envelope: Envelope): Handled;
  /** Counts every failed key. */
  onAuthFailure?(): void;
}

export interface Ingress {
  /** A reply when the head alone decides; null means: read the body, then call receive(). */
  head(request: IngressRequest): Reply | null;
  receive(request: IngressRequest, body: string): Handled;
}

const EVENT_ROUTE = /^\/event\/?$/i;

function declaredLength(request: IngressRequest): number | null {
  const raw = request.header('content-length');
  if (raw === undefined) return null;
  const length = Number(raw.trim());
  return Number.isFinite(length) && length >= 0 ? length : null;
}

export function createIngress(deps: IngressDeps): Ingress {
  const { log, throttle } = deps;
  const unavailable = deps.unavailable ?? replies.noKeyConfigured();

  return {
    head(request) {
      const query = request.path.indexOf('?');
      const path = query === -1 ? request.path : request.path.slice(0, query);
      if (!EVENT_ROUTE.test(path)) return replies.notFound(path);
      if (request.method !== 'POST') return replies.methodNotAllowed(request.method);
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

    receive(request, body) {
      // A chunked body has no declared length, so the cap is enforced on what arrived.
      if (body.length > deps.maxBodyBytes / 4 && Buffer.byteLength(body) > deps.maxBodyBytes) {
        return { reply: replies.tooLarge(deps.maxBodyBytes) };
      }
      if (body.length === 0) return { reply: replies.emptyBody() };
      if (!deps.verifyKey) return { reply: unavailable };

      const parsed = parseEnvelope(body);
      if (!parsed.ok) return { reply: replies.badRequest(parsed.message) };
      const { envelope } = parsed;

      if (!deps.verifyKey(envelope.key)) {
        deps.onAuthFailure?.();
        const host = hostOf(request.address);
        if (throttle.fail(host)) log.warn(`Too many wrong keys from ${host}: answering it 429 for a while.`);
        return { reply: replies.unauthorized() };
      }
      const problem = typeProblem(envelope);
      if (problem) return { reply: replies.badRequest(problem) };
      return deps.accept(envelope);
    },
  };
}
