/**
 * One dispatch call's life as the CAD pushes it, with the exact official local events (before Received)
 * each push must fire. Where the official resource passes something else, the step says which documented
 * difference it is (src/core/emit/official.ts, README "Where ours differ").
 */
import { CLOSED_STATUS } from '../../src/core/cache/calls';
import { LocalEvents as E } from '../../src/shared/events';
import { sample, TEST_KEY } from './samples';

export type Fired = [name: string, ...args: unknown[]];

export interface Step {
  what: string;
  body: Record<string, unknown>;
  events: Fired[];
}

/** The sample's data, as the events pass it on. */
function dataOf(body: Record<string, unknown>): Record<string, unknown> {
  return body.data as Record<string, unknown>;
}

export function callLife(): Step[] {
  const login = sample('EVENT_UNIT_LOGIN.object.json');
  const created = sample('EVENT_DISPATCH_NEW.object.json');
  const firstNote = sample('EVENT_DISPATCH_NOTE.json');
  const second = { time: '12:05:00', label: 'A-10', type: 'text', content: 'Suspect detained' };
  const secondNote = { key: TEST_KEY, type: 'EVENT_DISPATCH_NOTE', data: { callId: 1001, note: second } };
  const first = dataOf(firstNote).note;

  const unit = { ...(dataOf(login).unit as object), isDispatch: false };
  const panicked = { ...unit, isPanic: true };
  const dispatch = dataOf(created).dispatch as { idents: number[] };
  const call = (dispatch_type: string, change: object) => ({
    dispatch_type,
    dispatch: { ...dispatch, ...change },
  });
  const attached = [...dispatch.idents, 12, 34];

  return [
    { what: 'unit 12 logs in', body: login, events: [[E.UnitLogin, unit]] },
    {
      what: 'call 1001 is created',
      body: created,
      events: [[E.CallCacheUpdated], [E.DispatchEvent, call('CALL_NEW', {})]],
    },
    {
      // Any change to a cached call rewrites it as CALL_EDIT. Documented: the entry already holds the note.
      what: 'a note: the call becomes an edit',
      body: firstNote,
      events: [
        [E.DispatchNote, call('CALL_EDIT', { notes: [first] }), dataOf(firstNote)],
        [E.CallCacheUpdated],
      ],
    },
    {
      // 12 is cached, 34 is not. Documented: 34 is attached too (the official stops at it).
      what: 'attach of a cached and an uncached unit: UnitAttach carries the call before the change',
      body: sample('EVENT_DISPATCH_UNIT_ATTACH.json'),
      events: [
        [E.UnitAttach, call('CALL_EDIT', { notes: [first] }), unit],
        [E.CallCacheUpdated],
        [E.CallCacheUpdated],
      ],
    },
    {
      what: 'unit 12 presses panic',
      body: sample('EVENT_UNIT_PANIC.object.json'),
      events: [[E.UnitPanic, panicked, 12, true]],
    },
    {
      // Documented: the unit carries the panic (the official's cache learns of it only from its poll).
      what: 'detach of both: UnitDetach carries the call before the change and the panicked unit',
      body: sample('EVENT_DISPATCH_UNIT_DETACH.json'),
      events: [
        [E.UnitDetach, call('CALL_EDIT', { notes: [first], idents: attached }), panicked],
        [E.CallCacheUpdated],
        [E.CallCacheUpdated],
      ],
    },
    {
      what: 'a second note goes first',
      body: secondNote,
      events: [
        [E.DispatchNote, call('CALL_EDIT', { notes: [second, first] }), secondNote.data],
        [E.CallCacheUpdated],
      ],
    },
    {
      what: 'close: notes newest first; the unknown call 1002 closes empty',
      body: sample('EVENT_DISPATCH_CLOSED.json'),
      events: [
        [E.CallCacheUpdated],
        [E.DispatchEvent, call('CALL_CLOSE', { status: CLOSED_STATUS, notes: [second, first] })],
        [
          E.DispatchEvent,
          {
            dispatch_type: 'CALL_CLOSE',
            dispatch: { callId: 1002, status: CLOSED_STATUS, notes: [], idents: [], metaData: {} },
          },
        ],
      ],
    },
  ];
}
