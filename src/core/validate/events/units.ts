/** Unit events: panic, login, logout, status, update and unit groups. */
import { z } from 'zod';
import { int, optBool, optInt, optIntList, optIntOrList, text } from '../lenient';
import { unitSchema } from '../unit-schema';
import { mergeIds, missing } from './legacy-fields';

export const unitPanic = z
  .object({ identIds: optIntList, identId: optInt, isPanic: optBool })
  .transform((data, ctx) => {
    if (data.identIds === undefined && data.identId === undefined)
      return missing(ctx, 'identIds', 'an array of numbers');
    return {
      type: 'EVENT_UNIT_PANIC' as const,
      // The legacy single identId (before 2022-12) may come alone or beside the list.
      identIds: mergeIds(data.identIds, data.identId),
      // Before CAD 3.21 the event had no isPanic and only ever meant a press.
      isPanic: data.isPanic ?? true,
    };
  });

export const unitLogin = z
  .object({ unit: unitSchema, isDispatch: optBool, selfDispatch: optBool })
  .transform((data) => {
    const isDispatch = data.isDispatch ?? data.unit.isDispatch ?? false;
    return {
      type: 'EVENT_UNIT_LOGIN' as const,
      // The official resource copies isDispatch onto the unit before re-emitting it.
      unit: Object.assign(data.unit, { isDispatch }),
      isDispatch,
      selfDispatch: data.selfDispatch ?? false,
    };
  });

export const unitLogout = z
  .object({ identId: int })
  .transform((data) => ({ type: 'EVENT_UNIT_LOGOUT' as const, identId: data.identId }));

/** Two forms: full units carrying their new status, or the docs' ids plus one status. */
export const unitStatus = z
  .object({ units: z.array(unitSchema).optional(), identIds: optIntOrList, status: optInt })
  .transform((data, ctx) => {
    if (data.units) return { type: 'EVENT_UNIT_STATUS' as const, units: data.units, statusOnly: null };
    if (data.identIds === undefined)
      return missing(ctx, 'units', 'an array of units, or identIds and status');
    if (data.status === undefined) return missing(ctx, 'status', 'a number');
    return {
      type: 'EVENT_UNIT_STATUS' as const,
      units: [],
      statusOnly: { identIds: data.identIds, status: data.status },
    };
  });

export const unitUpdate = z
  .object({ units: z.array(unitSchema) })
  .transform((data) => ({ type: 'EVENT_UNIT_UPDATE' as const, units: data.units }));

export const unitGroupAdd = z
  .object({ groupName: text, identIds: optIntList, identId: optInt })
  .transform((data, ctx) => {
    if (data.identIds === undefined && data.identId === undefined)
      return missing(ctx, 'identIds', 'an array of numbers');
    return {
      type: 'EVENT_UNIT_GROUP_ADD' as const,
      groupName: data.groupName,
      identIds: mergeIds(data.identIds, data.identId),
    };
  });

export const unitGroupRemove = z
  .object({ groupName: text, identIds: optIntList, identId: optInt })
  .transform((data) => ({
    type: 'EVENT_UNIT_GROUP_REMOVE' as const,
    groupName: data.groupName,
    identIds: mergeIds(data.identIds, data.identId),
  }));

export const unitGroupChangeName = z
  .object({ identIds: optIntList, oldName: text, newName: text })
  .transform((data) => ({
    type: 'EVENT_UNIT_GROUP_CHANGE_NAME' as const,
    identIds: data.identIds ?? [],
    oldName: data.oldName,
    newName: data.newName,
  }));
