import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePush } from '../../src/core/validate/validate';
import { envelopeOf, fixtureBody, fixtureFiles, KEY, push } from '../helpers/sample-envelopes';

function reason(type: string, data?: unknown, extra?: Record<string, unknown>): string {
  const result = validatePush(push(type, data, extra));
  if (result.understood) throw new Error(`${type} was understood`);
  return result.reason;
}

describe('reasons for pushes that are not understood', () => {
  it('names an unknown type', () => {
    expect(reason('EVENT_SOMETHING_NEW', {})).toBe('Unknown event type "EVENT_SOMETHING_NEW".');
  });

  it('shortens a long unknown type and never echoes a key put in the type', () => {
    expect(reason('X'.repeat(5000), {}).length).toBeLessThan(100);
    expect(reason(`EVENT_${KEY}`, {})).toBe('Unknown event type "that".');
  });

  it.each([
    [
      'EVENT_UNIT_PANIC',
      { identIds: 'abc', isPanic: true },
      'EVENT_UNIT_PANIC: data.identIds: expected an array of numbers',
    ],
    ['EVENT_UNIT_PANIC', { isPanic: true }, 'EVENT_UNIT_PANIC: data.identIds: expected an array of numbers'],
    [
      'EVENT_UNIT_PANIC',
      { identIds: [1], isPanic: 'yes' },
      'EVENT_UNIT_PANIC: data.isPanic: expected a boolean',
    ],
    ['EVENT_UNIT_LOGOUT', undefined, 'EVENT_UNIT_LOGOUT: data: expected an object'],
    ['EVENT_UNIT_LOGOUT', { identId: 1.5 }, 'EVENT_UNIT_LOGOUT: data.identId: expected a number'],
    [
      'EVENT_911',
      [{ call: {} }, { call: {} }],
      'EVENT_911: data: expected an object or an array of one object',
    ],
    ['EVENT_911', [], 'EVENT_911: data: expected an object or an array of one object'],
    ['EVENT_911', { call: { callId: 'x' } }, 'EVENT_911: data.call.callId: expected a number'],
    ['EVENT_911', { call: 5 }, 'EVENT_911: data.call: expected an object'],
    ['EVENT_UNIT_LOGIN', { unit: { status: 1 } }, 'EVENT_UNIT_LOGIN: data.unit.id: expected a number'],
    [
      'EVENT_UNIT_STATUS',
      { units: [{ id: 1 }, { id: null }] },
      'EVENT_UNIT_STATUS: data.units[1].id: expected a number',
    ],
    ['EVENT_UNIT_STATUS', { identIds: [1] }, 'EVENT_UNIT_STATUS: data.status: expected a number'],
    [
      'EVENT_UNIT_STATUS',
      {},
      'EVENT_UNIT_STATUS: data.units: expected an array of units, or identIds and status',
    ],
    ['EVENT_UNIT_UPDATE', { units: {} }, 'EVENT_UNIT_UPDATE: data.units: expected an array'],
    [
      'EVENT_DISPATCH_NEW',
      { dispatch: { callId: 1, idents: [1, 'b'] } },
      'EVENT_DISPATCH_NEW: data.dispatch.idents: expected an array of numbers',
    ],
    ['EVENT_DISPATCH_CLOSE', {}, 'EVENT_DISPATCH_CLOSE: data.callIds: expected an array of numbers'],
    [
      'EVENT_DISPATCH_UNIT_ATTACH',
      { callId: 1 },
      'EVENT_DISPATCH_UNIT_ATTACH: data.idents: expected an array of numbers',
    ],
    ['EVENT_DISPATCH_NOTE', { callId: 1 }, 'EVENT_DISPATCH_NOTE: data.note: expected an object'],
    [
      'EVENT_UNIT_GROUP_ADD',
      { groupName: 'A' },
      'EVENT_UNIT_GROUP_ADD: data.identIds: expected an array of numbers',
    ],
    [
      'EVENT_COMMUNITY_LINK_VERIFIED',
      { communityUserId: '' },
      'EVENT_COMMUNITY_LINK_VERIFIED: data.communityUserId: expected a non-empty string',
    ],
    ['EVENT_STREETSIGN_UPDATED', {}, 'EVENT_STREETSIGN_UPDATED: data.signData: expected an object'],
    ['EVENT_CHAR_SELECTED', { id: true }, 'EVENT_CHAR_SELECTED: data.id: expected a number or a string'],
    [
      'EVENT_TONE',
      { url: 'u', playTonesTo: [{ type: 'all' }] },
      'EVENT_TONE: data.playTonesTo[0].type: expected a number',
    ],
  ])('%s %j → %s', (type, data, expected) => {
    expect(reason(type, data)).toBe(expected);
  });

  it('reads GET_LOGS from the body, not data', () => {
    expect(reason('GET_LOGS', undefined, { logKey: 'abc' })).toBe('GET_LOGS: logKey: expected a number');
    expect(reason('GET_LOGS', { logKey: 1 })).toBe('GET_LOGS: logKey: expected a number');
  });
});

describe('validatePush on arbitrary bodies', () => {
  const knownTypes = [...new Set(fixtureFiles.map((file) => String(fixtureBody(file).type)))];
  const fixtureData = fixtureFiles.map((file) => fixtureBody(file).data).filter((data) => data !== undefined);
  const key = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/);
  // Fixture data with one field replaced, so most bodies get deep into the schemas before failing.
  const nearlyValid = fc
    .tuple(fc.constantFrom(...fixtureData), fc.string(), fc.jsonValue())
    .map(([data, field, value]) => {
      const inner = Array.isArray(data) ? data[0] : data;
      const fields = Object.keys(inner as object);
      const name = fields.length > 0 ? fields[field.length % fields.length]! : field;
      return { ...(inner as object), [name]: value };
    });

  it('never throws and never echoes the key', () => {
    fc.assert(
      fc.property(
        key,
        fc.oneof(fc.constantFrom(...knownTypes), fc.string()),
        fc.oneof(fc.jsonValue(), nearlyValid),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
        (secret, type, data, extra) => {
          const body = { ...extra, key: secret, type, data, identIds: secret, logKey: secret };
          const result = validatePush(envelopeOf(body));
          if (!result.understood) {
            expect(result.reason.toUpperCase()).not.toContain(secret.toUpperCase());
            expect(result.reason.length).toBeLessThan(200);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never echoes a key sent as the type or as a field value', () => {
    fc.assert(
      fc.property(key, fc.constantFrom(...knownTypes), (secret, type) => {
        for (const body of [
          { key: secret, type: secret },
          { key: secret, type: `${type}_${secret}` },
          { key: secret, type, data: { identIds: secret, call: secret, unit: secret, dispatch: secret } },
        ]) {
          const result = validatePush(envelopeOf(body));
          if (!result.understood) expect(result.reason.toUpperCase()).not.toContain(secret.toUpperCase());
        }
      }),
    );
  });
});
