/** Custom record events, and the record printer's request. */
import { z } from 'zod';
import { optInt, optText, text } from '../lenient';
import { missing } from './legacy-fields';

/** A custom record: a few fields typed, the rest (sections, fields) passed through as received. */
const record = z.looseObject({
  id: optInt,
  recordTypeId: optInt,
  type: optInt,
  name: optText,
  syncId: optText,
});

const recordData = z.object({ record });

export const recordAdd = recordData.transform((data) => ({
  type: 'EVENT_RECORD_ADD' as const,
  record: data.record,
}));
export const recordEdit = recordData.transform((data) => ({
  type: 'EVENT_RECORD_EDIT' as const,
  record: data.record,
}));
export const recordRemove = recordData.transform((data) => ({
  type: 'EVENT_RECORD_REMOVE' as const,
  record: data.record,
}));

/** An older record printer read `unitId` for the unit's identifier id. */
export const printRecord = z.object({ identId: optInt, unitId: optInt, url: text }).transform((data, ctx) => {
  const identId = data.identId ?? data.unitId;
  if (identId === undefined) return missing(ctx, 'identId', 'a number');
  return { type: 'EVENT_PRINT_RECORD' as const, identId, url: data.url };
});
