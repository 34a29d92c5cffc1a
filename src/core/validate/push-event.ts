/**
 * The one internal shape per push type, whatever wire shape it came in: `data` as an object or a
 * one-element array, legacy singular fields folded into lists, numeric strings read as numbers.
 */
import type * as z from 'zod/mini';
import type { emergency911, remove911 } from './events/calls';
import type {
  dispatchClosed,
  dispatchEdit,
  dispatchNew,
  dispatchNote,
  dispatchToggleBodycam,
  dispatchUnitAttach,
  dispatchUnitDetach,
} from './events/dispatch';
import type {
  charSelected,
  communityLinkVerified,
  getLogs,
  newCallout,
  pagerReborn,
  stationAlert,
  streetSignUpdated,
  tone,
} from './events/misc';
import type { printRecord, recordAdd, recordEdit, recordRemove } from './events/records';
import type {
  unitGroupAdd,
  unitGroupRemove,
  unitGroupRename,
  unitLogin,
  unitLogout,
  unitPanic,
  unitStatus,
  unitUpdate,
} from './events/units';

export type Emergency911Event = z.infer<typeof emergency911>;
export type Remove911Event = z.infer<typeof remove911>;
export type UnitPanicEvent = z.infer<typeof unitPanic>;
export type UnitLoginEvent = z.infer<typeof unitLogin>;
export type UnitLogoutEvent = z.infer<typeof unitLogout>;
export type UnitStatusEvent = z.infer<typeof unitStatus>;
export type UnitUpdateEvent = z.infer<typeof unitUpdate>;
export type UnitGroupAddEvent = z.infer<typeof unitGroupAdd>;
export type UnitGroupRemoveEvent = z.infer<typeof unitGroupRemove>;
export type UnitGroupRenameEvent = z.infer<typeof unitGroupRename>;
export type DispatchNewEvent = z.infer<typeof dispatchNew>;
export type DispatchEditEvent = z.infer<typeof dispatchEdit>;
export type DispatchClosedEvent = z.infer<typeof dispatchClosed>;
export type DispatchNoteEvent = z.infer<typeof dispatchNote>;
export type DispatchUnitAttachEvent = z.infer<typeof dispatchUnitAttach>;
export type DispatchUnitDetachEvent = z.infer<typeof dispatchUnitDetach>;
export type DispatchToggleBodycamEvent = z.infer<typeof dispatchToggleBodycam>;
export type RecordAddEvent = z.infer<typeof recordAdd>;
export type RecordEditEvent = z.infer<typeof recordEdit>;
export type RecordRemoveEvent = z.infer<typeof recordRemove>;
export type PrintRecordEvent = z.infer<typeof printRecord>;
export type ToneEvent = z.infer<typeof tone>;
export type StreetSignUpdatedEvent = z.infer<typeof streetSignUpdated>;
export type CharSelectedEvent = z.infer<typeof charSelected>;
export type CommunityLinkVerifiedEvent = z.infer<typeof communityLinkVerified>;
export type NewCalloutEvent = z.infer<typeof newCallout>;
export type StationAlertEvent = z.infer<typeof stationAlert>;
export type PagerRebornEvent = z.infer<typeof pagerReborn>;
export type GetLogsEvent = z.infer<typeof getLogs>;

/** Discriminated on `type`, always the canonical name (aliases such as EVENT_DISPATCH_CLOSE are resolved). */
export type PushEvent =
  | Emergency911Event
  | Remove911Event
  | UnitPanicEvent
  | UnitLoginEvent
  | UnitLogoutEvent
  | UnitStatusEvent
  | UnitUpdateEvent
  | UnitGroupAddEvent
  | UnitGroupRemoveEvent
  | UnitGroupRenameEvent
  | DispatchNewEvent
  | DispatchEditEvent
  | DispatchClosedEvent
  | DispatchNoteEvent
  | DispatchUnitAttachEvent
  | DispatchUnitDetachEvent
  | DispatchToggleBodycamEvent
  | RecordAddEvent
  | RecordEditEvent
  | RecordRemoveEvent
  | PrintRecordEvent
  | ToneEvent
  | StreetSignUpdatedEvent
  | CharSelectedEvent
  | CommunityLinkVerifiedEvent
  | NewCalloutEvent
  | StationAlertEvent
  | PagerRebornEvent
  | GetLogsEvent;
