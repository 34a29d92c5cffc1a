/** 911 (and civil) calls: a notice, a sound unless silent, a blip where the caller is; gone when removed. */
import type { EmergencyCallAlert, EmergencyCallsRemoved } from '../shared/alert-payloads';
import { ActiveAlerts } from './active-alerts';
import { t } from './locale';
import { present } from './notify/present';
import { EMPTY_CARD } from './nui/cards';
import { cleanText } from './sanitise';

const SHORT_CHARS = 80;
const DESCRIPTION_CHARS = 200;
const calls = new ActiveAlerts('911');

export function showEmergencyCall(call: EmergencyCallAlert): void {
  const label = cleanText(call.label, SHORT_CHARS) || '911';
  const caller = cleanText(call.caller, SHORT_CHARS) || t('call.unknownCaller');
  const postal = cleanText(call.postal, SHORT_CHARS);
  const location = [cleanText(call.location, SHORT_CHARS), postal && t('call.postal', postal)]
    .filter(Boolean)
    .join(', ');
  const description = cleanText(call.description, DESCRIPTION_CHARS);
  const shown = present(
    {
      kind: 'emergencyCall',
      code: label,
      title: t('call.title', label, call.callId),
      lines: [t('call.caller', caller), location && t('call.location', location), description].filter(
        Boolean,
      ),
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
      title: t('call.title', label, call.callId),
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
    name: t('call.blip', label, call.callId, caller),
    callId: call.callId,
    blip: !shown.ownBlip,
  });
}

export function removeEmergencyCalls(removed: EmergencyCallsRemoved): void {
  for (const callId of removed.callIds) calls.remove(callId);
}
