/**
 * Checks a push against the schema for its type and normalises it to one PushEvent. Never throws:
 * a shape we do not understand is a reason string, and the push is still re-emitted and forwarded.
 */
import type * as z from 'zod/mini';
import { isPlainObject } from '../json';
import { clip } from '../text';
import { ALIASES, PUSH_SCHEMAS, type PushEvent, type PushType } from './catalogue';
import type { Envelope } from './envelope';
import { describeIssue } from './reason';

export type Validation = { understood: true; event: PushEvent } | { understood: false; reason: string };

interface Spec {
  /** Built on the first push of the type. */
  schema(): z.ZodMiniType<PushEvent>;
  /** What the schema reads: `data` for every type but a few. */
  input(envelope: Envelope, data: unknown): unknown;
  /** Prefix of issue paths in reasons. */
  root: string;
}

/** The official resource reads group-add ids from the top level of the body; the docs put them in `data`. */
function groupAddInput(envelope: Envelope, data: unknown): unknown {
  if (!isPlainObject(data) || data.identIds !== undefined || data.identId !== undefined) return data;
  const { identIds, identId } = envelope.body;
  return identIds === undefined && identId === undefined ? data : { ...data, identIds, identId };
}

/** The two types whose schema reads more than `data`; every other type reads `data` alone. */
const INPUT_OVERRIDES: Partial<Record<PushType, Omit<Spec, 'schema'>>> = {
  EVENT_UNIT_GROUP_ADD: { input: groupAddInput, root: 'data' },
  GET_LOGS: { input: (envelope) => envelope.body, root: '' },
};

/** Built once at load; looked up per push, aliases included. */
const SPECS = new Map<string, Spec>();
for (const [type, schema] of Object.entries(PUSH_SCHEMAS) as [PushType, () => z.ZodMiniType<PushEvent>][]) {
  SPECS.set(type, { schema, ...(INPUT_OVERRIDES[type] ?? { input: (_, data) => data, root: 'data' }) });
}
for (const [alias, type] of Object.entries(ALIASES)) SPECS.set(alias, SPECS.get(type)!);

const MAX_TYPE_IN_REASON = 64;

/** The type as sent, short, and never the key (a sender could put it there). */
function typeLabel(envelope: Envelope): string {
  const { type, key } = envelope;
  if (typeof key === 'string' && key.length > 0 && type.includes(key.toUpperCase())) return 'that';
  return clip(type, MAX_TYPE_IN_REASON);
}

export function validatePush(envelope: Envelope): Validation {
  const spec = SPECS.get(envelope.type);
  if (!spec) return { understood: false, reason: `Unknown event type "${typeLabel(envelope)}".` };
  const { data } = envelope;
  if (Array.isArray(data)) {
    return {
      understood: false,
      reason: `${envelope.type}: data: expected an object or an array of one object`,
    };
  }
  const result = spec.schema().safeParse(spec.input(envelope, data));
  if (result.success) return { understood: true, event: result.data };
  return {
    understood: false,
    reason: `${envelope.type}: ${describeIssue(result.error.issues[0], spec.root)}`,
  };
}
