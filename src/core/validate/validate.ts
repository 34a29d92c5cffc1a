/**
 * Checks a push against the schema for its type and normalises it to one PushEvent. Never throws:
 * a shape we do not understand is a reason string, and the push is still re-emitted and forwarded.
 */
import type * as z from 'zod/mini';
import type { Envelope } from './envelope';
import { emergency911, remove911 } from './events/calls';
import {
  dispatchClosed,
  dispatchEdit,
  dispatchNew,
  dispatchNote,
  dispatchToggleBodycam,
  dispatchUnitAttach,
  dispatchUnitDetach,
} from './events/dispatch';
import {
  charSelected,
  communityLinkVerified,
  getLogs,
  newCallout,
  pagerReborn,
  stationAlert,
  streetSignUpdated,
  tone,
} from './events/misc';
import { printRecord, recordAdd, recordEdit, recordRemove } from './events/records';
import {
  unitGroupAdd,
  unitGroupRemove,
  unitGroupRename,
  unitLogin,
  unitLogout,
  unitPanic,
  unitStatus,
  unitUpdate,
} from './events/units';
import { isPlainObject } from './fields';
import type { PushEvent } from './push-event';
import { describeIssue } from './reason';
import { unwrapData } from './unwrap';

export type Validation = { understood: true; event: PushEvent } | { understood: false; reason: string };

interface Spec {
  schema: z.ZodMiniType<PushEvent>;
  /** What the schema reads: `data` (unwrapped) for every type but a few. */
  input(envelope: Envelope, data: unknown): unknown;
  /** Prefix of issue paths in reasons. */
  root: string;
}

const fromData = (schema: z.ZodMiniType<PushEvent>): Spec => ({
  schema,
  input: (_, data) => data,
  root: 'data',
});

/** The official resource reads group-add ids from the top level of the body; the docs put them in `data`. */
function groupAddInput(envelope: Envelope, data: unknown): unknown {
  if (!isPlainObject(data) || data.identIds !== undefined || data.identId !== undefined) return data;
  const { identIds, identId } = envelope.body;
  return identIds === undefined && identId === undefined ? data : { ...data, identIds, identId };
}

const dispatchClosedSpec = fromData(dispatchClosed);
const attachSpec = fromData(dispatchUnitAttach);
const detachSpec = fromData(dispatchUnitDetach);
const bodycamSpec = fromData(dispatchToggleBodycam);

/** Built once at load; looked up per push. Aliases are names earlier resources and doc pages used. */
const SPECS = new Map<string, Spec>([
  ['EVENT_911', fromData(emergency911)],
  ['EVENT_REMOVE_911', fromData(remove911)],
  ['EVENT_UNIT_PANIC', fromData(unitPanic)],
  ['EVENT_UNIT_LOGIN', fromData(unitLogin)],
  ['EVENT_UNIT_LOGOUT', fromData(unitLogout)],
  ['EVENT_UNIT_STATUS', fromData(unitStatus)],
  ['EVENT_UNIT_UPDATE', fromData(unitUpdate)],
  ['EVENT_UNIT_GROUP_ADD', { schema: unitGroupAdd, input: groupAddInput, root: 'data' }],
  ['EVENT_UNIT_GROUP_REMOVE', fromData(unitGroupRemove)],
  ['EVENT_UNIT_GROUP_CHANGE_NAME', fromData(unitGroupRename)],
  ['EVENT_DISPATCH_NEW', fromData(dispatchNew)],
  ['EVENT_DISPATCH_EDIT', fromData(dispatchEdit)],
  ['EVENT_DISPATCH_CLOSED', dispatchClosedSpec],
  ['EVENT_DISPATCH_CLOSE', dispatchClosedSpec],
  ['EVENT_DISPATCH_NOTE', fromData(dispatchNote)],
  ['EVENT_DISPATCH_UNIT_ATTACH', attachSpec],
  ['EVENT_UNIT_ATTACH', attachSpec],
  ['EVENT_DISPATCH_UNIT_DETACH', detachSpec],
  ['EVENT_UNIT_DETACH', detachSpec],
  ['EVENT_DISPATCH_TOGGLE_BODYCAM', bodycamSpec],
  ['TOGGLE_BODYCAM', bodycamSpec],
  ['EVENT_RECORD_ADD', fromData(recordAdd)],
  ['EVENT_RECORD_EDIT', fromData(recordEdit)],
  ['EVENT_RECORD_REMOVE', fromData(recordRemove)],
  ['EVENT_PRINT_RECORD', fromData(printRecord)],
  ['EVENT_TONE', fromData(tone)],
  ['EVENT_STREETSIGN_UPDATED', fromData(streetSignUpdated)],
  ['EVENT_CHAR_SELECTED', fromData(charSelected)],
  ['EVENT_COMMUNITY_LINK_VERIFIED', fromData(communityLinkVerified)],
  ['EVENT_NEW_CALLOUT', fromData(newCallout)],
  ['EVENT_STATION_ALERT', fromData(stationAlert)],
  ['EVENT_PAGER_REBORN', fromData(pagerReborn)],
  ['GET_LOGS', { schema: getLogs, input: (envelope) => envelope.body, root: '' }],
]);

const MAX_TYPE_IN_REASON = 64;

/** The type as sent, short, and never the key (a sender could put it there). */
function typeLabel(envelope: Envelope): string {
  const { type, key } = envelope;
  if (typeof key === 'string' && key.length > 0 && type.includes(key.toUpperCase())) return 'that';
  return type.length > MAX_TYPE_IN_REASON ? `${type.slice(0, MAX_TYPE_IN_REASON)}…` : type;
}

export function validatePush(envelope: Envelope): Validation {
  const spec = SPECS.get(envelope.type);
  if (!spec) return { understood: false, reason: `Unknown event type "${typeLabel(envelope)}".` };
  const data = unwrapData(envelope.data);
  if (Array.isArray(data)) {
    return {
      understood: false,
      reason: `${envelope.type}: data: expected an object or an array of one object`,
    };
  }
  const result = spec.schema.safeParse(spec.input(envelope, data));
  if (result.success) return { understood: true, event: result.data };
  return {
    understood: false,
    reason: `${envelope.type}: ${describeIssue(result.error.issues[0], spec.root)}`,
  };
}
