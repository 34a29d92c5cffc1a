/** Game client entry: one net handler per alert event, each checked against its schema first. */
import {
  EmergencyCallAlertSchema,
  EmergencyCallsRemovedSchema,
  PanicAlertSchema,
  PanicClearedSchema,
  PanicMovedSchema,
} from '../shared/alert-payloads';
import { NetEvents } from '../shared/events';
import { removeEmergencyCalls, showEmergencyCall } from './emergency-call';
import { listen } from './listen';
import { clearPanic, movePanics, showPanic } from './panic';

listen(NetEvents.PanicAlert, PanicAlertSchema, showPanic);
listen(NetEvents.PanicMoved, PanicMovedSchema, movePanics);
listen(NetEvents.PanicCleared, PanicClearedSchema, clearPanic);
listen(NetEvents.EmergencyCall, EmergencyCallAlertSchema, showEmergencyCall);
listen(NetEvents.EmergencyCallsRemoved, EmergencyCallsRemovedSchema, removeEmergencyCalls);
