/** Dispatch (call) events: new, edit, closed, note, unit attach/detach and the bodycam toggle. */
import * as z from 'zod/mini';
import { once } from '../../once';
import { bool, int, optBool, optInt, optIntList, optObject, optText, preprocess } from '../lenient';
import { reshape } from '../record';
import { listOrOne, missing } from './legacy-fields';

const noteObject = once(() =>
  z.looseObject({ time: optText, label: optText, type: optText, content: optText }),
);

/** Before 2022-12 a note was a plain string. */
const note = once(() =>
  preprocess((value) => (typeof value === 'string' ? { type: 'text', content: value } : value), noteObject()),
);

/** The docs draw `notes: ""`, the official resource iterates an array of notes. */
const notes = once(() =>
  preprocess(
    (value) => {
      if (value === '' || value === null) return [];
      return typeof value === 'string' ? [value] : value;
    },
    z.optional(z.array(note())),
  ),
);

export const dispatchSchema = once(() =>
  reshape(
    z.looseObject({
      callId: int,
      origin: optInt,
      status: optInt,
      priority: optInt,
      block: optText,
      address: optText,
      postal: optText,
      title: optText,
      code: optText,
      description: optText,
      notes: notes(),
      idents: optIntList,
      metaData: optObject,
      primary: optInt,
      trackPrimary: optBool,
    }),
    (dispatch) =>
      Object.assign(dispatch, {
        notes: dispatch.notes ?? [],
        idents: dispatch.idents ?? [],
        metaData: dispatch.metaData ?? {},
      }),
  ),
);

export type Dispatch = z.infer<ReturnType<typeof dispatchSchema>>;
export type DispatchNote = z.infer<ReturnType<typeof noteObject>>;

export const dispatchNew = once(() =>
  reshape(z.object({ eventOriginIdent: optInt, dispatch: dispatchSchema() }), (data) => ({
    type: 'EVENT_DISPATCH_NEW' as const,
    eventOriginIdent: data.eventOriginIdent,
    dispatch: data.dispatch,
  })),
);

export const dispatchEdit = once(() =>
  reshape(z.object({ eventOriginIdent: optInt, dispatch: dispatchSchema() }), (data) => ({
    type: 'EVENT_DISPATCH_EDIT' as const,
    eventOriginIdent: data.eventOriginIdent,
    dispatch: data.dispatch,
  })),
);

export const dispatchClosed = once(() =>
  reshape(z.object({ eventOriginIdent: optInt, callIds: optIntList, callId: optInt }), (data, ctx) => {
    if (data.callIds === undefined && data.callId === undefined)
      return missing(ctx, 'callIds', 'an array of numbers');
    return {
      type: 'EVENT_DISPATCH_CLOSED' as const,
      eventOriginIdent: data.eventOriginIdent,
      callIds: listOrOne(data.callIds, data.callId),
    };
  }),
);

export const dispatchNote = once(() =>
  reshape(z.object({ callId: int, note: note() }), (data) => ({
    type: 'EVENT_DISPATCH_NOTE' as const,
    callId: data.callId,
    note: data.note,
  })),
);

const attachment = once(() =>
  z.object({ eventOriginIdent: optInt, callId: int, ident: optInt, idents: optIntList }),
);

/** `idents` wins over `ident` when both are sent, as in the official resource. */
function attachmentIdents(data: z.output<ReturnType<typeof attachment>>, ctx: z.core.ParsePayload): number[] {
  if (data.idents === undefined && data.ident === undefined)
    return missing(ctx, 'idents', 'an array of numbers');
  return listOrOne(data.idents, data.ident);
}

/** Attach and detach carry the same fields; only the type differs. */
function attachmentEvent<T extends 'EVENT_DISPATCH_UNIT_ATTACH' | 'EVENT_DISPATCH_UNIT_DETACH'>(type: T) {
  return once(() =>
    reshape(attachment(), (data, ctx) => ({
      type,
      eventOriginIdent: data.eventOriginIdent,
      callId: data.callId,
      idents: attachmentIdents(data, ctx),
    })),
  );
}

export const dispatchUnitAttach = attachmentEvent('EVENT_DISPATCH_UNIT_ATTACH');
export const dispatchUnitDetach = attachmentEvent('EVENT_DISPATCH_UNIT_DETACH');

/** The docs show `ident` as the string "1" and describe it as a number. */
export const dispatchToggleBodycam = once(() =>
  reshape(z.object({ ident: int, state: bool }), (data) => ({
    type: 'EVENT_DISPATCH_TOGGLE_BODYCAM' as const,
    ident: data.ident,
    state: data.state,
  })),
);
