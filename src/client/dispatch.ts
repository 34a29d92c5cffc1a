/**
 * Dispatch calls this player's unit is attached to: a notice, a sound, a blip at the call and the GPS
 * waypoint to the most recent one. Detach or close takes them away with a short notice; notes are shown;
 * an edit updates the call's card.
 */
import type {
  DispatchAssigned,
  DispatchClosed,
  DispatchDetached,
  DispatchNote,
} from '../shared/alert-payloads';
import { ActiveAlerts } from './active-alerts';
import { t } from './locale';
import { present } from './notify/present';
import { type CardContent, EMPTY_CARD, updateCard } from './nui/cards';
import { cleanText } from './sanitise';
import { routeTo } from './waypoint';

const SHORT_CHARS = 80;
const LONG_CHARS = 200;

/** When the waypoint went with a call, it moves to the most recent call still attached. */
const assignments = new ActiveAlerts('call', (_callId, routed) => {
  const [latest] = assignments.targets().sort((a, b) => b.arrival - a.arrival);
  if (routed && latest) routeTo(latest.key, latest.position);
});

function assignmentCard(call: DispatchAssigned): CardContent {
  const title = cleanText(call.title, SHORT_CHARS);
  return {
    ...EMPTY_CARD,
    key: assignments.key(call.callId),
    kind: 'dispatch',
    code: cleanText(call.code, SHORT_CHARS),
    title: title ? `#${call.callId} ${title}` : `#${call.callId}`,
    location: cleanText(call.location, SHORT_CHARS),
    postal: cleanText(call.postal, SHORT_CHARS),
    description: cleanText(call.description, LONG_CHARS),
  };
}

export function showAssignment(call: DispatchAssigned): void {
  const code = cleanText(call.code, SHORT_CHARS);
  const title = cleanText(call.title, SHORT_CHARS);
  const postal = cleanText(call.postal, SHORT_CHARS);
  const location = [cleanText(call.location, SHORT_CHARS), postal && t('call.postal', postal)]
    .filter(Boolean)
    .join(', ');
  const heading = [code, title].filter(Boolean).join(': ');
  const shown = present(
    {
      kind: 'dispatchAssigned',
      code,
      title: t('dispatch.attached', call.callId),
      lines: [heading, location, cleanText(call.description, LONG_CHARS)].filter(Boolean),
      position: call.position,
      callId: call.callId,
      style: 'warning',
    },
    call.look,
    true,
    assignmentCard(call),
  );
  // The route is the waypoint, not a route on the blip: one GPS line, to the newest call.
  const look = { ...call.look, blip: { ...call.look.blip, route: false } };
  assignments.show(call.callId, {
    feedItem: shown.feedItem,
    at: call.position,
    look,
    name:
      heading || location
        ? t('dispatch.blip', call.callId, heading || location)
        : t('dispatch.blipUntitled', call.callId),
    callId: call.callId,
    blip: !shown.ownBlip,
  });
  if (call.position && call.look.blip.route) routeTo(assignments.key(call.callId), call.position);
}

/** An edit of a call the unit stays on: its card and blip follow, without a notice. */
export function updateAssignment(call: DispatchAssigned): void {
  if (!assignments.has(call.callId)) return;
  if (call.position) assignments.move(call.callId, call.position);
  const { key, note: _note, ...change } = assignmentCard(call);
  updateCard(key, change);
}

export function detachFromCall(detached: DispatchDetached): void {
  assignments.remove(detached.callId);
  present(
    {
      kind: 'dispatchDetached',
      code: '',
      title: t('dispatch.detached', detached.callId),
      lines: [],
      position: null,
      callId: detached.callId,
      style: 'info',
    },
    detached,
  );
}

export function closeCalls(closed: DispatchClosed): void {
  if (closed.callIds.length === 0) return;
  for (const callId of closed.callIds) assignments.remove(callId);
  const ids = closed.callIds.map((callId) => `#${callId}`).join(', ');
  present(
    {
      kind: 'dispatchClosed',
      code: '',
      title: t(closed.callIds.length === 1 ? 'dispatch.closedOne' : 'dispatch.closedMany', ids),
      lines: [],
      position: null,
      callId: closed.callIds.length === 1 ? (closed.callIds[0] ?? null) : null,
      style: 'info',
    },
    closed,
  );
}

export function showNote(note: DispatchNote): void {
  const author = cleanText(note.author, SHORT_CHARS);
  const text = cleanText(note.note, LONG_CHARS);
  if (!text) return;
  updateCard(assignments.key(note.callId), { note: author ? `${author}: ${text}` : text });
  present(
    {
      kind: 'dispatchNote',
      code: '',
      title: t('dispatch.note', note.callId),
      lines: [author ? `${author}: ${text}` : text],
      position: null,
      callId: note.callId,
      style: 'info',
    },
    note,
  );
}
