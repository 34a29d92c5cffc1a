/**
 * The relay's management API for forward targets, on the relay's own listener:
 * `GET|POST /<name>/targets`, `GET|PATCH|DELETE /<name>/targets/<target>`. The token is checked before
 * anything else, so every route answers an unauthorised request alike; then the content type, the size,
 * the JSON, the schema. A change is saved and running before its answer goes out.
 */
import type { Reply } from '../core/ingress/replies';
import type { ChangeOutcome, GetOutcome, ListOutcome, Problem, TargetAdmin } from '../core/manage/targets';
import { type Compare, createTokenCheck } from './admin-token';

/** Targets are small; a body past this is a mistake or an attack. */
export const MAX_API_BODY_BYTES = 64 * 1024;

export interface ApiRequest {
  method: string;
  /** After the resource prefix, query included: `/targets/bot?x`. */
  path: string;
  header(name: string): string | undefined;
}

/** Reads the body; null once it passes `limit` bytes. */
export type ReadBody = (limit: number) => Promise<string | null>;

export interface TargetsApi {
  /** True for the API's paths: other paths are answered as before. */
  owns(path: string): boolean;
  handle(request: ApiRequest, readBody: ReadBody): Promise<Reply>;
}

export interface TargetsApiDeps {
  token: string;
  admin: TargetAdmin;
  compare?: Compare;
}

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

const fail = (
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
): Reply => ({
  status,
  body: { ok: false, error, message, ...extra },
});

const UNAUTHORIZED: Reply = {
  ...fail(401, 'unauthorized', 'Send Authorization: Bearer <SONORANCAD_ADMIN_TOKEN>.'),
  headers: { 'WWW-Authenticate': 'Bearer' },
};

/** `/targets` → the list; `/targets/<name>` → one target; anything else under it → null. */
function routeOf(path: string): { target: string | null } | null {
  const segments = path.split('?', 1)[0]!.split('/').slice(2);
  if (segments.length === 0 || (segments.length === 1 && segments[0] === '')) return { target: null };
  if (segments.length !== 1) return null;
  try {
    return { target: decodeURIComponent(segments[0]!) };
  } catch {
    return null;
  }
}

function problemsReply(outcome: 'invalid' | 'broken' | 'failed', problems: Problem[]): Reply {
  const fields: Record<string, string> = {};
  for (const problem of problems) {
    if (problem.field === null) continue;
    const field = problem.field || '(target)';
    fields[field] = fields[field] ? `${fields[field]}; ${problem.message}` : problem.message;
  }
  const others = problems.filter((problem) => problem.field === null).map((problem) => problem.line);
  const details = {
    ...(Object.keys(fields).length ? { fields } : {}),
    ...(others.length ? { problems: others } : {}),
  };
  if (outcome === 'invalid')
    return fail(400, 'invalid_target', 'The target was not saved: see fields.', details);
  if (outcome === 'broken') {
    return fail(503, 'config_invalid', 'config.json is invalid; fix it first (see problems).', details);
  }
  return fail(500, 'not_saved', 'The change could not be saved or applied (see problems).', details);
}

function answer(result: ListOutcome | GetOutcome | ChangeOutcome): Reply {
  switch (result.outcome) {
    case 'listed':
      return { status: 200, body: { ok: true, targets: result.targets } };
    case 'found':
    case 'updated':
    case 'created':
      return { status: result.outcome === 'created' ? 201 : 200, body: { ok: true, target: result.target } };
    case 'removed':
      return { status: 204, body: {} };
    case 'unknown':
      return fail(404, 'unknown_target', `No target is named "${result.name}".`);
    case 'duplicate':
      return fail(409, 'duplicate_target', `A target named "${result.name}" already exists.`);
    default:
      return problemsReply(result.outcome, result.problems);
  }
}

export function createTargetsApi(deps: TargetsApiDeps): TargetsApi {
  const authorised = createTokenCheck(deps.token, deps.compare);

  /** Content type, size and JSON, in that order; the parsed body, or the reply that refuses it. */
  async function jsonBody(request: ApiRequest, readBody: ReadBody): Promise<{ value: unknown } | Reply> {
    if (!JSON_TYPE.test(request.header('content-type') ?? '')) {
      return fail(415, 'unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).');
    }
    const text = await readBody(MAX_API_BODY_BYTES);
    if (text === null) {
      return fail(413, 'payload_too_large', `The body is larger than ${MAX_API_BODY_BYTES} bytes.`);
    }
    try {
      return { value: JSON.parse(text) };
    } catch {
      return fail(400, 'bad_json', 'The body is not valid JSON.');
    }
  }

  return {
    owns: (path) => /^\/targets(?:[/?]|$)/.test(path),
    async handle(request, readBody) {
      if (!authorised(request.header('authorization'))) return UNAUTHORIZED;
      const route = routeOf(request.path);
      if (!route) return fail(404, 'not_found', 'No such route: use /targets or /targets/<name>.');
      const method = request.method.toUpperCase();
      const allowed = route.target === null ? ['GET', 'POST'] : ['GET', 'PATCH', 'DELETE'];
      if (!allowed.includes(method)) {
        return {
          ...fail(405, 'method_not_allowed', `${method} is not accepted here.`),
          headers: { Allow: allowed.join(', ') },
        };
      }
      const { admin } = deps;
      if (method === 'GET')
        return answer(route.target === null ? await admin.list() : await admin.get(route.target));
      if (method === 'DELETE') return answer(await admin.remove(route.target!));
      const body = await jsonBody(request, readBody);
      if (!('value' in body)) return body;
      if (route.target === null) return answer(await admin.add(body.value));
      return answer(await admin.update(route.target, body.value));
    },
  };
}
