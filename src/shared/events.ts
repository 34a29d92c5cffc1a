/**
 * Every event name the resource sends or listens to. No other file spells an event name.
 */

/** Local server events, named as the official resource names them where they overlap. */
export const PUSH_EVENT_PREFIX = 'SonoranCAD::pushevents:';

export const LocalEvents = {
  EmergencyCacheUpdated: `${PUSH_EVENT_PREFIX}EmergencyCacheUpdated`,
  IncomingCadCall: `${PUSH_EVENT_PREFIX}IncomingCadCall`,
  CadCallRemoved: `${PUSH_EVENT_PREFIX}CadCallRemoved`,
  UnitPanic: `${PUSH_EVENT_PREFIX}UnitPanic`,
  UnitLogin: `${PUSH_EVENT_PREFIX}UnitLogin`,
  UnitLogout: `${PUSH_EVENT_PREFIX}UnitLogout`,
  UnitUpdate: `${PUSH_EVENT_PREFIX}UnitUpdate`,
  UnitStatusUpdate: `${PUSH_EVENT_PREFIX}UnitStatusUpdate`,
  UnitGroupAdd: `${PUSH_EVENT_PREFIX}UnitGroupAdd`,
  UnitGroupRemove: `${PUSH_EVENT_PREFIX}UnitGroupRemove`,
  UnitGroupRename: `${PUSH_EVENT_PREFIX}UnitGroupRename`,
  CallCacheUpdated: `${PUSH_EVENT_PREFIX}CallCacheUpdated`,
  DispatchEvent: `${PUSH_EVENT_PREFIX}DispatchEvent`,
  DispatchEdit: `${PUSH_EVENT_PREFIX}DispatchEdit`,
  DispatchNote: `${PUSH_EVENT_PREFIX}DispatchNote`,
  UnitAttach: `${PUSH_EVENT_PREFIX}UnitAttach`,
  UnitDetach: `${PUSH_EVENT_PREFIX}UnitDetach`,
  RecordAdded: `${PUSH_EVENT_PREFIX}RecordAdded`,
  RecordEdited: `${PUSH_EVENT_PREFIX}RecordEdited`,
  RecordRemoved: `${PUSH_EVENT_PREFIX}RecordRemoved`,
  Tone: `${PUSH_EVENT_PREFIX}Tone`,
  SmartSignUpdate: `${PUSH_EVENT_PREFIX}SmartSignUpdate`,
  CharacterSelected: `${PUSH_EVENT_PREFIX}CharacterSelected`,
  CommunityLinkVerified: `${PUSH_EVENT_PREFIX}CommunityLinkVerified`,
  SendSupportLogs: `${PUSH_EVENT_PREFIX}SendSupportLogs`,
  OtherEvent: `${PUSH_EVENT_PREFIX}OtherEvent`,
  /** Ours: per location of a station alert, (stationName, open, close), door names, for door resources. */
  StationDoors: `${PUSH_EVENT_PREFIX}StationDoors`,
  /** Ours: fires for every authenticated push, after the specific events: (type, data). */
  Received: `${PUSH_EVENT_PREFIX}Received`,
} as const;

/** Events other resources trigger on us. */
export const InboundEvents = {
  /** The official resource's extension point: (TYPE, handler(body)). */
  RegisterPushEvent: 'SonoranCAD::RegisterPushEvent',
  PlayerDropped: 'playerDropped',
  ResourceStart: 'onResourceStart',
  ResourceStop: 'onResourceStop',
  PlayerJoining: 'playerJoining',
} as const;

/** Net events from the server to game clients. */
export const NetEvents = {
  /** The cfx-server-data chat resource's message event. */
  ChatMessage: 'chat:addMessage',
  /** In-game alerts; payloads and their schemas are in alert-payloads.ts. */
  PanicAlert: 'sonorancad:alerts:panic',
  PanicMoved: 'sonorancad:alerts:panicMoved',
  PanicCleared: 'sonorancad:alerts:panicCleared',
  EmergencyCall: 'sonorancad:alerts:emergencyCall',
  EmergencyCallsRemoved: 'sonorancad:alerts:emergencyCallsRemoved',
  DispatchAssigned: 'sonorancad:alerts:dispatchAssigned',
  DispatchDetached: 'sonorancad:alerts:dispatchDetached',
  DispatchClosed: 'sonorancad:alerts:dispatchClosed',
  DispatchNote: 'sonorancad:alerts:dispatchNote',
  /** An edit of a call the unit stays attached to: same payload as DispatchAssigned. */
  DispatchUpdated: 'sonorancad:alerts:dispatchUpdated',
  /** CAD tones, pages and station alerts; payloads and schemas in cad-audio-payloads.ts. */
  Tone: 'sonorancad:alerts:tone',
  Page: 'sonorancad:alerts:page',
  StationAlert: 'sonorancad:alerts:stationAlert',
  /** The player's alert settings panel (`/cadalerts` alone). */
  OpenSettings: 'sonorancad:alerts:openSettings',
} as const;

/** Local events the game client raises for other client scripts. */
export const ClientEvents = {
  /** With `alerts.notify: "event"`: every notice, structured (src/client/notify/notice.ts). */
  Notify: 'sonorancad:alerts:notify',
} as const;
