/**
 * The catalogue of push types: each canonical type and its schema, and the aliases earlier resources
 * and doc pages used. The PushEvent union and the validator's lookup are derived from here, so a new
 * type is one schema in events/ and one line below.
 */
import type * as z from 'zod/mini';
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
} from './events/integrations';
import { printRecord, recordAdd, recordEdit, recordRemove } from './events/records';
import {
  unitGroupAdd,
  unitGroupChangeName,
  unitGroupRemove,
  unitLogin,
  unitLogout,
  unitPanic,
  unitStatus,
  unitUpdate,
} from './events/units';

/**
 * Each type's schema getter: a schema is built on the first push of its type (memoised), not at start,
 * where the 29 of them cost ~2–3 ms of zod constructors; a first push pays well under a millisecond.
 */
export const PUSH_SCHEMAS = {
  EVENT_911: emergency911,
  EVENT_REMOVE_911: remove911,
  EVENT_UNIT_PANIC: unitPanic,
  EVENT_UNIT_LOGIN: unitLogin,
  EVENT_UNIT_LOGOUT: unitLogout,
  EVENT_UNIT_STATUS: unitStatus,
  EVENT_UNIT_UPDATE: unitUpdate,
  EVENT_UNIT_GROUP_ADD: unitGroupAdd,
  EVENT_UNIT_GROUP_REMOVE: unitGroupRemove,
  EVENT_UNIT_GROUP_CHANGE_NAME: unitGroupChangeName,
  EVENT_DISPATCH_NEW: dispatchNew,
  EVENT_DISPATCH_EDIT: dispatchEdit,
  EVENT_DISPATCH_CLOSED: dispatchClosed,
  EVENT_DISPATCH_NOTE: dispatchNote,
  EVENT_DISPATCH_UNIT_ATTACH: dispatchUnitAttach,
  EVENT_DISPATCH_UNIT_DETACH: dispatchUnitDetach,
  EVENT_DISPATCH_TOGGLE_BODYCAM: dispatchToggleBodycam,
  EVENT_RECORD_ADD: recordAdd,
  EVENT_RECORD_EDIT: recordEdit,
  EVENT_RECORD_REMOVE: recordRemove,
  EVENT_PRINT_RECORD: printRecord,
  EVENT_TONE: tone,
  EVENT_STREETSIGN_UPDATED: streetSignUpdated,
  EVENT_CHAR_SELECTED: charSelected,
  EVENT_COMMUNITY_LINK_VERIFIED: communityLinkVerified,
  EVENT_NEW_CALLOUT: newCallout,
  EVENT_STATION_ALERT: stationAlert,
  EVENT_PAGER_REBORN: pagerReborn,
  GET_LOGS: getLogs,
} as const;

export type PushType = keyof typeof PUSH_SCHEMAS;

/** Older names for canonical types; a push under an alias validates as, and reports, the canonical type. */
export const ALIASES = {
  EVENT_DISPATCH_CLOSE: 'EVENT_DISPATCH_CLOSED',
  EVENT_UNIT_ATTACH: 'EVENT_DISPATCH_UNIT_ATTACH',
  EVENT_UNIT_DETACH: 'EVENT_DISPATCH_UNIT_DETACH',
  TOGGLE_BODYCAM: 'EVENT_DISPATCH_TOGGLE_BODYCAM',
} as const satisfies Record<string, PushType>;

/**
 * The one internal shape per push type, whatever wire shape it came in: `data` as an object or a
 * one-element array, legacy singular fields folded into lists, numeric strings read as numbers.
 * Discriminated on `type`, always the canonical name.
 */
export type PushEvent = z.output<ReturnType<(typeof PUSH_SCHEMAS)[PushType]>>;
export type PushEventOf<T extends PushType> = Extract<PushEvent, { type: T }>;
