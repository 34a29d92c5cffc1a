/** A CAD unit (an identifier logged in), as login, status and update events carry it. */
import { z } from 'zod';
import { int, num, optBool, optInt, optNum, optText, optTextList } from './lenient';

const unitData = z.looseObject({
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
});

const coordinates = z.looseObject({ x: num, y: num, z: num, w: optNum });

type UnitData = z.output<typeof unitData>;

function apiIds(data: UnitData): string[] {
  if (data.apiIds) return data.apiIds;
  const legacy: string[] = [];
  if (data.apiId1) legacy.push(data.apiId1);
  if (data.apiId2) legacy.push(data.apiId2);
  return legacy;
}

/** Unknown fields pass through: the CAD adds unit fields over time and consumers may read them. */
export const unitSchema = z
  .looseObject({
    id: int,
    accId: optText,
    status: optInt,
    isPanic: optBool,
    location: optText,
    aop: optText,
    isDispatch: optBool,
    data: unitData.optional(),
    coordinates: coordinates.optional(),
  })
  // The parsed objects are fresh copies, so completing them in place costs no second copy.
  .transform((unit) => {
    const data = unit.data ?? {};
    return Object.assign(unit, { data: Object.assign(data, { apiIds: apiIds(data) }) });
  });

export type Unit = z.infer<typeof unitSchema>;
