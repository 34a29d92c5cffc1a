/**
 * One Discord embed per push: a dedicated layout for the events people watch in a channel (911, panic,
 * dispatch, records, unit login/logout, tones) and a generic one showing the data for everything else.
 */

import { isPlainObject } from '../../../json';
import type { PushEvent } from '../../../validate/catalogue';
import type { Dispatch } from '../../../validate/events/dispatch';
import type { Validation } from '../../../validate/validate';
import { clampText, EMBED_LIMITS, type Embed, type EmbedField } from './clamp';
import { FooterType, sonoranFooter } from './footer';

export interface EmbedContext {
  /** Footer's USERNAME part when the event names no account: the resource name. */
  source: string;
  /** The CAD server id that Sonoran's footers add after a call id. */
  serverId: number;
  /** When the push arrived (ms), shown by Discord as the embed's time. */
  at: number;
}

const Color = {
  alarm: 0xe74c3c,
  warning: 0xe67e22,
  info: 0x3498db,
  success: 0x2ecc71,
  muted: 0x95a5a6,
} as const;
const DISPATCH_STATUS = ['Pending', 'Active', 'Closed'];
const DISPATCH_ORIGIN = ['Caller', 'Radio dispatch', 'Observed', 'Walk up'];
const RECORD_TYPES: Record<number, string> = {
  2: 'Warrant',
  3: 'BOLO',
  4: 'License',
  5: 'Vehicle registration',
  7: 'Character',
  8: 'Police record',
  9: 'Police report',
  10: 'Medical record',
  11: 'Medical report',
  12: 'Fire record',
  13: 'Fire report',
  14: 'DMV record',
  15: 'Law record',
  16: 'Law report',
};
/** Record sections can hold hundreds of fields; the channel only needs the first filled ones. */
const MAX_RECORD_FIELDS = 15;

type Body = Omit<Embed, 'timestamp'>;

const field = (name: string, value: string | number | undefined, inline = true): EmbedField[] =>
  value === undefined || value === '' ? [] : [{ name, value: String(value), inline }];

const ids = (list: readonly number[]) => list.map((id) => `#${id}`).join(', ');

function callEmbed(event: Extract<PushEvent, { type: 'EVENT_911' }>, ctx: EmbedContext): Body {
  const { call } = event;
  return {
    title: `${call.isEmergency === false ? 'Call' : '911 call'} #${call.callId}`,
    description: call.description ?? '',
    color: Color.alarm,
    fields: [...field('Caller', call.caller), ...field('Location', call.location)],
    footer: { text: sonoranFooter(ctx.source, FooterType.EMERGENCY, call.callId, ctx.serverId) },
  };
}

function panicEmbed(event: Extract<PushEvent, { type: 'EVENT_UNIT_PANIC' }>, ctx: EmbedContext): Body {
  return {
    title: event.isPanic ? 'PANIC' : 'Panic cleared',
    description: `Unit identifier ${ids(event.identIds)}`,
    color: event.isPanic ? Color.alarm : Color.muted,
    footer: { text: sonoranFooter(ctx.source, FooterType.UNIT_PANIC, event.identIds[0] ?? '') },
  };
}

function dispatchFields(dispatch: Dispatch): EmbedField[] {
  const place = [dispatch.block, dispatch.address, dispatch.postal && `(${dispatch.postal})`].filter(Boolean);
  const lastNote = dispatch.notes.at(-1);
  return [
    ...field('Code', dispatch.code),
    ...field('Location', place.join(' ')),
    ...field('Priority', dispatch.priority),
    ...field('Status', dispatch.status === undefined ? undefined : DISPATCH_STATUS[dispatch.status]),
    ...field('Origin', dispatch.origin === undefined ? undefined : DISPATCH_ORIGIN[dispatch.origin]),
    ...field('Units', dispatch.idents.length ? ids(dispatch.idents) : undefined),
    ...field('Latest note', lastNote?.content, false),
  ];
}

function dispatchEmbed(
  event: Extract<PushEvent, { type: 'EVENT_DISPATCH_NEW' | 'EVENT_DISPATCH_EDIT' }>,
  ctx: EmbedContext,
): Body {
  const { dispatch } = event;
  const isNew = event.type === 'EVENT_DISPATCH_NEW';
  const heading = dispatch.title ? `: ${dispatch.title}` : '';
  return {
    title: `${isNew ? 'New call' : 'Call updated'} #${dispatch.callId}${heading}`,
    description: dispatch.description ?? '',
    color: isNew ? Color.warning : Color.info,
    fields: dispatchFields(dispatch),
    footer: {
      text: sonoranFooter(
        ctx.source,
        isNew ? FooterType.NEW_DISPATCH : FooterType.EDIT_DISPATCH,
        dispatch.callId,
        ctx.serverId,
      ),
    },
  };
}

type CadRecord = Extract<PushEvent, { type: 'EVENT_RECORD_ADD' }>['record'];

function recordFields(record: CadRecord): EmbedField[] {
  const out: EmbedField[] = [
    ...field('Record', record.id),
    ...field('Type', RECORD_TYPES[record.type ?? -1]),
  ];
  const sections: unknown = record.sections;
  if (!Array.isArray(sections)) return out;
  for (const section of sections) {
    const fields: unknown = isPlainObject(section) ? section.fields : undefined;
    if (!Array.isArray(fields)) continue;
    for (const item of fields) {
      if (out.length >= MAX_RECORD_FIELDS) return out;
      if (isPlainObject(item) && typeof item.label === 'string' && typeof item.value === 'string') {
        out.push(...field(item.label, item.value));
      }
    }
  }
  return out;
}

const RECORD_ACTIONS = {
  EVENT_RECORD_ADD: { verb: 'added', footer: FooterType.RECORD_ADD, color: Color.success },
  EVENT_RECORD_EDIT: { verb: 'edited', footer: FooterType.RECORD_EDIT, color: Color.info },
  EVENT_RECORD_REMOVE: { verb: 'removed', footer: FooterType.RECORD_REMOVE, color: Color.muted },
} as const;

function recordEmbed(
  event: Extract<PushEvent, { type: 'EVENT_RECORD_ADD' | 'EVENT_RECORD_EDIT' | 'EVENT_RECORD_REMOVE' }>,
  ctx: EmbedContext,
): Body {
  const action = RECORD_ACTIONS[event.type];
  const { record } = event;
  return {
    title: `Record ${action.verb}${record.name ? `: ${record.name}` : ''}`,
    color: action.color,
    fields: recordFields(record),
    footer: { text: sonoranFooter(ctx.source, action.footer, record.id ?? record.syncId ?? '') },
  };
}

/** Sonoran's footer names the tone; a push only carries its audio URL, whose file name is the closest thing. */
function toneLabel(url: string): string {
  const file = url.split(/[?#]/, 1)[0]?.split('/').at(-1) ?? '';
  try {
    return decodeURIComponent(file).replace(/\.[a-z0-9]+$/i, '') || url;
  } catch {
    return file || url;
  }
}

function toneEmbed(event: Extract<PushEvent, { type: 'EVENT_TONE' }>, ctx: EmbedContext): Body {
  const label = toneLabel(event.url);
  const targets = event.playTonesTo.map((target) => target.label ?? String(target.value));
  return {
    title: `Tone played: ${label}`,
    color: Color.warning,
    fields: [...field('Played to', targets.join(', '), false), ...field('Audio', event.url, false)],
    footer: { text: sonoranFooter(ctx.source, FooterType.TONE_PLAYED, label) },
  };
}

function dedicated(event: PushEvent, ctx: EmbedContext): Body | null {
  switch (event.type) {
    case 'EVENT_911':
      return callEmbed(event, ctx);
    case 'EVENT_UNIT_PANIC':
      return panicEmbed(event, ctx);
    case 'EVENT_DISPATCH_NEW':
    case 'EVENT_DISPATCH_EDIT':
      return dispatchEmbed(event, ctx);
    case 'EVENT_DISPATCH_CLOSED':
      return {
        title: `${event.callIds.length > 1 ? 'Calls' : 'Call'} closed: ${ids(event.callIds)}`,
        color: Color.muted,
        footer: { text: sonoranFooter(ctx.source, FooterType.CLOSE_DISPATCH, event.callIds[0] ?? '') },
      };
    case 'EVENT_DISPATCH_NOTE':
      // A note changes the call, so it carries the edit type and the call id, as call edits do.
      return {
        title: `Note on call #${event.callId}`,
        description: event.note.content ?? '',
        color: Color.info,
        fields: [...field('By', event.note.label), ...field('Time', event.note.time)],
        footer: { text: sonoranFooter(ctx.source, FooterType.EDIT_DISPATCH, event.callId, ctx.serverId) },
      };
    case 'EVENT_RECORD_ADD':
    case 'EVENT_RECORD_EDIT':
    case 'EVENT_RECORD_REMOVE':
      return recordEmbed(event, ctx);
    case 'EVENT_UNIT_LOGIN': {
      const { data } = event.unit;
      return {
        title: `Unit logged in: ${[data.unitNum, data.name].filter(Boolean).join(' ') || `#${event.unit.id}`}`,
        color: Color.success,
        fields: [
          ...field('Department', data.department),
          ...field('Subdivision', data.subdivision),
          ...field('Rank', data.rank),
          ...field('District', data.district),
          ...field('Role', event.isDispatch ? 'Dispatcher' : undefined),
        ],
        footer: { text: event.type },
      };
    }
    case 'EVENT_UNIT_LOGOUT':
      return {
        title: 'Unit logged out',
        description: `Unit identifier #${event.identId}`,
        color: Color.muted,
      };
    case 'EVENT_TONE':
      return toneEmbed(event, ctx);
    default:
      return null;
  }
}

const FENCE_OPEN = '```json\n';
const FENCE_CLOSE = '\n```';
const FENCES_LENGTH = FENCE_OPEN.length + FENCE_CLOSE.length;

/** For types without a layout: the data as a JSON block, which the clamp shortens as needed. */
function generic(type: string, data: unknown, reason: string | undefined): Body {
  // A closing fence inside the data would end the code block early.
  const json = (JSON.stringify(data ?? null, null, 2) ?? 'null').replaceAll('```', '`\u200b``');
  return {
    title: type || 'Push event',
    description: `${FENCE_OPEN}${clampText(json, EMBED_LIMITS.description - FENCES_LENGTH)}${FENCE_CLOSE}`,
    color: Color.muted,
    fields: field('Not understood', reason, false),
  };
}

/** Sonoran's footer types only exist for some events; the others carry their type name (no `|`, so bots skip them). */
export function discordEmbed(type: string, data: unknown, validation: Validation, ctx: EmbedContext): Embed {
  const body =
    (validation.understood && dedicated(validation.event, ctx)) ||
    generic(type, data, validation.understood ? undefined : validation.reason);
  return { footer: { text: type }, ...body, timestamp: new Date(ctx.at).toISOString() };
}
