/** Records must accept, reject and report exactly what the zod objects they stand in for would. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { int, optInt, optText, optTextList, text } from '../../src/core/validate/lenient';
import { looseRecord, record, reshape } from '../../src/core/validate/record';

const inner = { x: int, label: optText };
const shape = (nested: z.ZodMiniType) => ({
  id: int,
  name: text,
  rank: optText,
  ids: optTextList,
  page: optInt,
  nested: z.optional(nested),
  list: z.optional(z.array(nested)),
});

const asRecords = looseRecord(shape(looseRecord(inner)));
const asZod = z.looseObject(shape(z.looseObject(inner)));
const strictRecords = record(shape(record(inner)));
const strictZod = z.object(shape(z.object(inner)));

/** What a parse tells a caller: the data, or each issue's code, path and message. */
function outcome(schema: z.ZodMiniType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return { data: result.data };
  return { issues: result.error.issues.map(({ code, path, message }) => ({ code, path, message })) };
}

const scalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.constantFrom('12', '-3', '1.5', '', null, true, false),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const innerObject = fc.record({ x: value, label: value, extra: value }, { requiredKeys: [] }) as fc.Arbitrary<
  Record<string, unknown>
>;
const input = fc.oneof(
  fc.record(
    {
      id: value,
      name: value,
      rank: value,
      ids: value,
      page: value,
      nested: fc.oneof(innerObject, scalar),
      list: fc.oneof(fc.array(innerObject, { maxLength: 3 }), scalar),
      unknownField: value,
    },
    { requiredKeys: [] },
  ),
  scalar,
);

describe('records', () => {
  it('read loose objects exactly as z.looseObject does', () => {
    fc.assert(
      fc.property(input, (sent) => {
        expect(outcome(asRecords, sent)).toEqual(outcome(asZod, sent));
      }),
      { numRuns: 2000 },
    );
  });

  it('read strict-shape objects exactly as z.object does', () => {
    fc.assert(
      fc.property(input, (sent) => {
        expect(outcome(strictRecords, sent)).toEqual(outcome(strictZod, sent));
      }),
      { numRuns: 2000 },
    );
  });

  it('leave what was sent untouched', () => {
    const sent = { id: '7', name: 3, nested: { x: '2' } };
    const copy = structuredClone(sent);
    expect(outcome(asRecords, sent)).toEqual({ data: { id: 7, name: '3', nested: { x: 2 } } });
    expect(sent).toEqual(copy);
  });

  it('put issues a reshape raises under the path of the record it reshapes', () => {
    const checked = reshape(looseRecord({ a: optInt }), (data, ctx) => {
      if (data.a === undefined)
        ctx.issues.push({ code: 'custom', message: 'need a', path: ['a'], input: data });
      return data;
    });
    const outer = looseRecord({ items: z.array(checked) });
    expect(outcome(outer, { items: [{ a: 1 }, {}] })).toEqual({
      issues: [{ code: 'custom', path: ['items', 1, 'a'], message: 'need a' }],
    });
  });
});
