/** 911 (and civil) calls: a notice, a sound unless silent, a blip where the caller is; gone when removed. */
import type { EmergencyCallAlert, EmergencyCallsRemoved } from '../shared/alert-payloads';
import { ActiveAlerts } from './active-alerts';
import { present } from './notify/present';
import { EMPTY_CARD } from './nui/cards';
import { cleanText } from './sanitise';

const SHORT_CHARS = 80;
const DESCRIPTION_CHARS = 200;
const calls = new ActiveAlerts('911');

export function showEmergencyCall(call: EmergencyCallAlert): void {
  const label = cleanText(call.label, SHORT_CHARS) || '911';
  const caller = cleanText(call.caller, SHORT_CHARS) || 'Unknown caller';
  const postal = cleanText(call.postal, SHORT_CHARS);
  const location = [cleanText(call.location, SHORT_CHARS), postal && `postal ${postal}`]
    .filter(Boolean)
    .join(', ');
  const description = cleanText(call.description, DESCRIPTION_CHARS);
  const shown = present(
    {
      kind: 'emergencyCall',
      code: label,
      title: `${label} call #${call.callId}`,
      lines: [`Caller: ${caller}`, location && `Location: ${location}`, description].filter(Boolean),
      position: call.position,
      callId: call.callId,
      style: call.emergency ? 'emergency' : 'warning',
    },
    call.look,
    call.raiser,
    {
      ...EMPTY_CARD,
      key: calls.key(call.callId),
      kind: 'emergencyCall',
      code: label,
      title: `${label} call #${call.callId}`,
      location: cleanText(call.location, SHORT_CHARS),
      postal,
      caller,
      description,
    },
  );
  calls.show(call.callId, {
    feedItem: shown.feedItem,
    at: call.position,
    look: call.look,
    name: `${label} #${call.callId}: ${caller}`,
    callId: call.callId,
    blip: !shown.ownBlip,
  });
}

export function removeEmergencyCalls(removed: EmergencyCallsRemoved): void {
  for (const callId of removed.callIds) calls.remove(callId);
}
