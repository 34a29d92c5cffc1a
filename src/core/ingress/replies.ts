/** Every HTTP answer the ingress gives, in one place: status, a short JSON body, extra headers. */

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const fail = (status: number, error: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { ok: false, error, message },
  ...(headers ? { headers } : {}),
});

export const replies = {
  ok: (): Reply => ({ status: 200, body: { ok: true } }),
  /** Authenticated but not (fully) understood: kept, re-emitted and forwarded all the same. */
  acceptedNotUnderstood: (reason: string): Reply => ({
    status: 202,
    body: { ok: true, understood: false, reason },
  }),
  notFound: (path: string): Reply =>
    fail(404, 'not_found', `No route ${path}. Sonoran CAD pushes to POST /<resource>/event.`),
  methodNotAllowed: (method: string): Reply =>
    fail(405, 'method_not_allowed', `${method} is not accepted here: push events are sent with POST.`, {
      Allow: 'POST',
    }),
  emptyBody: (): Reply => fail(400, 'empty_body', 'The request has no body: expected a JSON push event.'),
  badRequest: (message: string): Reply => fail(400, 'bad_request', message),
  tooLarge: (limit: number): Reply =>
    fail(413, 'payload_too_large', `The body is larger than the ${limit}-byte limit (maxBodyBytes).`),
  unauthorized: (): Reply => fail(401, 'unauthorized', 'The key is missing or does not match this server.'),
  throttled: (retryAfterMs: number): Reply =>
    fail(429, 'too_many_failed_keys', 'Too many wrong keys from this address; try again later.', {
      'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
    }),
  noKeyConfigured: (): Reply =>
    fail(503, 'not_configured', 'No API key is configured on this server, so pushes cannot be verified.'),
  misconfigured: (): Reply =>
    fail(503, 'not_configured', 'The configuration is invalid; the server console names the problem.'),
  /** The relay holds as many unchecked body bytes as it allows (http.maxBufferedBytes). */
  busy: (): Reply =>
    fail(503, 'busy', 'Too many request bodies are arriving at once; try again shortly.', {
      'Retry-After': '1',
    }),
  bodyTimeout: (): Reply => fail(408, 'body_timeout', 'The request body did not arrive in time.'),
  internalError: (): Reply =>
    fail(500, 'internal_error', 'The event could not be processed; see the server console.'),
};
