/**
 * Game client entry: one net handler per alert event (CAD audio too), each checked against its schema
 * first; the alert page.
 */
import {
  DispatchAssignedSchema,
  DispatchClosedSchema,
  DispatchDetachedSchema,
  DispatchNoteSchema,
  EmergencyCallAlertSchema,
  EmergencyCallsRemovedSchema,
  OpenSettingsSchema,
  PanicAlertSchema,
  PanicClearedSchema,
  PanicMovedSchema,
} from '../shared/alert-payloads';
import { PageAlertSchema, StationAlertSchema, ToneAlertSchema } from '../shared/cad-audio-payloads';
import { NetEvents } from '../shared/events';
import { playTone, reportAudioFailures, showPage, showStationAlert } from './cad-audio';
import { closeCalls, detachFromCall, showAssignment, showNote, updateAssignment } from './dispatch';
import { removeEmergencyCalls, showEmergencyCall } from './emergency-call';
import { listen } from './listen';
import { openSettings, startPage } from './nui/page';
import { clearPanic, movePanics, showPanic } from './panic';
import { registerRouteCommand } from './route-command';

listen(NetEvents.PanicAlert, PanicAlertSchema, showPanic);
listen(NetEvents.PanicMoved, PanicMovedSchema, movePanics);
listen(NetEvents.PanicCleared, PanicClearedSchema, clearPanic);
listen(NetEvents.EmergencyCall, EmergencyCallAlertSchema, showEmergencyCall);
listen(NetEvents.EmergencyCallsRemoved, EmergencyCallsRemovedSchema, removeEmergencyCalls);
listen(NetEvents.DispatchAssigned, DispatchAssignedSchema, showAssignment);
listen(NetEvents.DispatchUpdated, DispatchAssignedSchema, updateAssignment);
listen(NetEvents.DispatchDetached, DispatchDetachedSchema, detachFromCall);
listen(NetEvents.DispatchClosed, DispatchClosedSchema, closeCalls);
listen(NetEvents.DispatchNote, DispatchNoteSchema, showNote);
listen(NetEvents.OpenSettings, OpenSettingsSchema, openSettings);
listen(NetEvents.Tone, ToneAlertSchema, playTone);
listen(NetEvents.Page, PageAlertSchema, showPage);
listen(NetEvents.StationAlert, StationAlertSchema, showStationAlert);
reportAudioFailures();
registerRouteCommand();
startPage();
