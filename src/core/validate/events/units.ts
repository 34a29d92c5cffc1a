/** Unit events: panic, login, logout, status, update and unit groups. */
import * as z from 'zod/mini';
import { once } from '../../once';
import { int, optBool, optInt, optIntList, optIntOrList, text } from '../lenient';
import { record, reshape } from '../record';
import { unitSchema } from '../unit-schema';
import { mergeIds, missing } from './legacy-fields';

export const unitPanic = once(() =>
  reshape(record({ identIds: optIntList, identId: optInt, isPanic: optBool }), (data, ctx) => {
    if (data.identIds === undefined && data.identId === undefined)
      return missing(ctx, 'identIds', 'an array of numbers');
    return {
      type: 'EVENT_UNIT_PANIC' as const,
      // The legacy single identId (before 2022-12) may come alone or beside the list.
      identIds: mergeIds(data.identIds, data.identId),
      // Before CAD 3.21 the event had no isPanic and only ever meant a press.
      isPanic: data.isPanic ?? true,
    };
  }),
);

export const unitLogin = once(() =>
  reshape(record({ unit: unitSchema(), isDispatch: optBool, selfDispatch: optBool }), (data) => {
    const isDispatch = data.isDispatch ?? data.unit.isDispatch ?? false;
    return {
      type: 'EVENT_UNIT_LOGIN' as const,
      // The official resource copies isDispatch onto the unit before re-emitting it.
      unit: Object.assign(data.unit, { isDispatch }),
      isDispatch,
      selfDispatch: data.selfDispatch ?? false,
    };
  }),
);

export const unitLogout = once(() =>
  reshape(record({ identId: int }), (data) => ({
    type: 'EVENT_UNIT_LOGOUT' as const,
    identId: data.identId,
  })),
);

/** Two forms: full units carrying their new status, or the docs' ids plus one status. */
export const unitStatus = once(() =>
  reshape(
    record({ units: z.optional(z.array(unitSchema())), identIds: optIntOrList, status: optInt }),
    (data, ctx) => {
      if (data.units) return { type: 'EVENT_UNIT_STATUS' as const, units: data.units, statusOnly: null };
      if (data.identIds === undefined)
        return missing(ctx, 'units', 'an array of units, or identIds and status');
      if (data.status === undefined) return missing(ctx, 'status', 'a number');
      return {
        type: 'EVENT_UNIT_STATUS' as const,
        units: [],
        statusOnly: { identIds: data.identIds, status: data.status },
      };
    },
  ),
);

export const unitUpdate = once(() =>
  reshape(record({ units: z.array(unitSchema()) }), (data) => ({
    type: 'EVENT_UNIT_UPDATE' as const,
    units: data.units,
  })),
);

export const unitGroupAdd = once(() =>
  reshape(record({ groupName: text, identIds: optIntList, identId: optInt }), (data, ctx) => {
    if (data.identIds === undefined && data.identId === undefined)
      return missing(ctx, 'identIds', 'an array of numbers');
    return {
      type: 'EVENT_UNIT_GROUP_ADD' as const,
      groupName: data.groupName,
      identIds: mergeIds(data.identIds, data.identId),
    };
  }),
);

export const unitGroupRemove = once(() =>
  reshape(record({ groupName: text, identIds: optIntList, identId: optInt }), (data) => ({
    type: 'EVENT_UNIT_GROUP_REMOVE' as const,
    groupName: data.groupName,
    identIds: mergeIds(data.identIds, data.identId),
  })),
);

export const unitGroupChangeName = once(() =>
  reshape(record({ identIds: optIntList, oldName: text, newName: text }), (data) => ({
    type: 'EVENT_UNIT_GROUP_CHANGE_NAME' as const,
    identIds: data.identIds ?? [],
    oldName: data.oldName,
    newName: data.newName,
  })),
);
