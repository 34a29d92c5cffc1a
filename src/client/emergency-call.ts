/** 911 (and civil) calls: a notice, a sound unless silent, a blip where the caller is; gone when removed. */
import type { EmergencyCallAlert, EmergencyCallsRemoved } from '../shared/alert-payloads';
import { ActiveAlerts } from './active-alerts';
import { postChat } from './chat';
import { notify } from './notify';
import { cleanText } from './sanitise';
import { playSound } from './sound';

const SHORT_CHARS = 80;
const DESCRIPTION_CHARS = 200;
const calls = new ActiveAlerts();

export function showEmergencyCall(call: EmergencyCallAlert): void {
  const label = cleanText(call.label, SHORT_CHARS) || '911';
  const caller = cleanText(call.caller, SHORT_CHARS) || 'Unknown caller';
  const postal = cleanText(call.postal, SHORT_CHARS);
  const location = [cleanText(call.location, SHORT_CHARS), postal && `postal ${postal}`]
    .filter(Boolean)
    .join(', ');
  const description = cleanText(call.description, DESCRIPTION_CHARS);
  const colour = call.emergency ? '~r~' : '~y~';
  const notice = notify(
    [
      `${colour}${label}~s~ call #${call.callId}~n~`,
      `Caller: ${caller}`,
      location ? `~n~Location: ${location}` : '',
      description ? `~n~${description}` : '',
    ],
    call.emergency,
  );
  if (call.look.sound) playSound(call.look.sound);
  if (call.look.chat) {
    postChat(
      `${call.emergency ? '^1' : '^3'}${label} #${call.callId}`,
      [caller, location, description].filter(Boolean).join(' | '),
    );
  }
  calls.show(call.callId, notice, call.position, call.look, `${label} #${call.callId}: ${caller}`);
}

export function removeEmergencyCalls(removed: EmergencyCallsRemoved): void {
  for (const callId of removed.callIds) calls.remove(callId);
}
