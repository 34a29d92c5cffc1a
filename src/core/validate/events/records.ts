/** Custom record events, and the record printer's request. */
import * as z from 'zod/mini';
import { once } from '../../once';
import { optInt, optText, text } from '../lenient';
import { reshape } from '../record';
import { missing } from './legacy-fields';

/** A custom record: a few fields typed, the rest (sections, fields) passed through as received. */
const record = once(() =>
  z.looseObject({
    id: optInt,
    recordTypeId: optInt,
    type: optInt,
    name: optText,
    syncId: optText,
  }),
);

const recordData = once(() => z.object({ record: record() }));

export const recordAdd = once(() =>
  reshape(recordData(), (data) => ({
    type: 'EVENT_RECORD_ADD' as const,
    record: data.record,
  })),
);
export const recordEdit = once(() =>
  reshape(recordData(), (data) => ({
    type: 'EVENT_RECORD_EDIT' as const,
    record: data.record,
  })),
);
export const recordRemove = once(() =>
  reshape(recordData(), (data) => ({
    type: 'EVENT_RECORD_REMOVE' as const,
    record: data.record,
  })),
);

/** An older record printer read `unitId` for the unit's identifier id. */
export const printRecord = once(() =>
  reshape(z.object({ identId: optInt, unitId: optInt, url: text }), (data, ctx) => {
    const identId = data.identId ?? data.unitId;
    if (identId === undefined) return missing(ctx, 'identId', 'a number');
    return { type: 'EVENT_PRINT_RECORD' as const, identId, url: data.url };
  }),
);
