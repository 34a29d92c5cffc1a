/** The one-argument shortcut reads exactly what the general frame parser reads, or steps aside. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneArgumentCall, parseFrame } from '../../src/core/websocket/hub-protocol';

const RS = '\x1e';
const push = { key: 'k', type: 'EVENT_911', data: [{ callId: 7, caller: 'Ann "A" \\ B' }] };

describe('oneArgumentCall', () => {
  it('takes the argument and its text from the record ASP.NET Core writes', () => {
    const text = JSON.stringify(push);
    expect(oneArgumentCall(`{"type":1,"target":"pushEvent","arguments":[${text}]}${RS}`)).toEqual({
      invocationId: null,
      target: 'pushEvent',
      argument: push,
      text,
    });
    const asString = JSON.stringify(text);
    expect(
      oneArgumentCall(`{"type":1,"invocationId":"12","target":"pushEvent","arguments":[${asString}]}${RS}`),
    ).toEqual({ invocationId: '12', target: 'pushEvent', argument: text, text: asString });
  });

  it.each([
    ['two arguments', `{"type":1,"target":"m","arguments":[1,2]}${RS}`],
    ['no argument', `{"type":1,"target":"m","arguments":[]}${RS}`],
    [
      'two records',
      `{"type":1,"target":"m","arguments":[1]}${RS}{"type":1,"target":"m","arguments":[2]}${RS}`,
    ],
    ['another key order', `{"target":"m","type":1,"arguments":[1]}${RS}`],
    ['headers', `{"type":1,"headers":{"a":"b"},"target":"m","arguments":[1]}${RS}`],
    ['a missing separator', `{"type":1,"target":"m","arguments":[1]}`],
    ['trailing text', `{"type":1,"target":"m","arguments":[1]}]}${RS}`],
    ['a broken argument', `{"type":1,"target":"m","arguments":[{"a":]}${RS}`],
    ['an escaped target', `{"type":1,"target":"p\\u0075sh","arguments":[1]}${RS}`],
    ['a ping', `{"type":6}${RS}`],
  ])('steps aside for %s', (_, frame) => {
    expect(oneArgumentCall(frame)).toBeNull();
  });

  it('agrees with parseFrame on every frame it takes, whatever surrounds the argument', () => {
    const frame = fc
      .tuple(
        // Ids and targets as they appear in the JSON text, some escaped or cut short.
        fc.option(fc.constantFrom('7', '12', '1\\"', '', '3","x":"4'), { nil: undefined }),
        fc.oneof(
          { arbitrary: fc.constant('pushEvent'), weight: 4 },
          fc.constantFrom('p\\u0075shEvent', 'a\\"b', 'm","headers":{"k":"v"},"target":"m'),
        ),
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 0, maxLength: 2 }),
        fc.constantFrom('', ' ', '\n', ']', '}', RS, ',', '"'),
        fc.constantFrom('', ' ', ']', '}', RS, `${RS}{"type":6}${RS}`),
      )
      .map(([invocationId, target, args, before, after]) => {
        const id = invocationId === undefined ? '' : `"invocationId":"${invocationId}",`;
        const list = args.map((value) => JSON.stringify(value)).join(',');
        return `{"type":1,${id}"target":"${target}","arguments":[${before}${list}${after}]}${RS}`;
      });
    let taken = 0;
    fc.assert(
      fc.property(frame, (text) => {
        const call = oneArgumentCall(text);
        if (!call) return;
        taken += 1;
        // Only what reads as itself is taken: the general parser decodes the rest.
        expect(call.target).toBe('pushEvent');
        const messages = parseFrame(text);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toEqual({
          type: 1,
          ...(call.invocationId === null ? {} : { invocationId: call.invocationId }),
          target: call.target,
          arguments: [call.argument],
        });
        expect(JSON.parse(call.text)).toEqual(call.argument);
      }),
      { numRuns: 1_000 },
    );
    expect(taken).toBeGreaterThan(10);
  });
});
