/** A CAD unit (an identifier logged in), as login, status and update events carry it. */
import * as z from 'zod/mini';
import { once } from '../once';
import { int, num, optBool, optInt, optNum, optText, optTextList } from './lenient';
import { looseRecord, reshape } from './record';

const unitData = once(() =>
  looseRecord({
    apiIds: optTextList,
    unitNum: optText,
    name: optText,
    district: optText,
    department: optText,
    subdivision: optText,
    rank: optText,
    group: optText,
    page: optInt,
    communityUserId: optText,
    // Before 2021-04 the CAD sent two fixed slots instead of the apiIds list.
    apiId1: optText,
    apiId2: optText,
  }),
);

const coordinates = once(() => looseRecord({ x: num, y: num, z: num, w: optNum }));

type UnitData = z.output<ReturnType<typeof unitData>>;

function apiIds(data: UnitData): string[] {
  if (data.apiIds) return data.apiIds;
  const legacy: string[] = [];
  if (data.apiId1) legacy.push(data.apiId1);
  if (data.apiId2) legacy.push(data.apiId2);
  return legacy;
}

/**
 * Unknown fields pass through: the CAD adds unit fields over time and consumers may read them.
 * The parsed objects are fresh copies, so completing them in place costs no second copy.
 */
export const unitSchema = once(() =>
  reshape(
    looseRecord({
      id: int,
      accId: optText,
      status: optInt,
      isPanic: optBool,
      location: optText,
      aop: optText,
      isDispatch: optBool,
      data: z.optional(unitData()),
      coordinates: z.optional(coordinates()),
    }),
    (unit) => {
      const data = unit.data ?? {};
      return Object.assign(unit, { data: Object.assign(data, { apiIds: apiIds(data) }) });
    },
  ),
);

export type Unit = z.infer<ReturnType<typeof unitSchema>>;
