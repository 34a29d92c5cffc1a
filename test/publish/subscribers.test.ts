import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log';
import { createSubscribers } from '../../src/core/publish/subscribers';
import { fixtureBody, KEY, push } from '../helpers/sample-envelopes';
import { harness } from './harness';

function setup() {
  const lines: string[] = [];
  const subscribers = createSubscribers(createLogger({ print: (line) => lines.push(line) }));
  return { lines, subscribers };
}

describe('subscribers', () => {
  it('get the whole body without the key', () => {
    const { subscribers } = setup();
    const seen: unknown[] = [];
    subscribers.subscribe('EVENT_UNIT_PANIC', (body) => seen.push(body));
    const body = fixtureBody('EVENT_UNIT_PANIC.object.json');
    subscribers.run('EVENT_UNIT_PANIC', 'EVENT_UNIT_PANIC', body);
    const { key: _, ...withoutKey } = body;
    expect(seen).toEqual([withoutKey]);
    expect(body.key).toBe(KEY);
  });

  it('match types case-insensitively, by alias or canonical name, and * for everything', () => {
    const { subscribers } = setup();
    const calls: string[] = [];
    subscribers.subscribe('event_dispatch_closed', () => calls.push('canonical'));
    subscribers.subscribe('EVENT_DISPATCH_CLOSE', () => calls.push('alias'));
    subscribers.subscribe('*', () => calls.push('all'));
    subscribers.subscribe('EVENT_911', () => calls.push('other'));
    subscribers.run('EVENT_DISPATCH_CLOSE', 'EVENT_DISPATCH_CLOSED', { type: 'EVENT_DISPATCH_CLOSE' });
    expect(calls).toEqual(['alias', 'canonical', 'all']);
    calls.length = 0;
    subscribers.run('EVENT_UNKNOWN', null, { type: 'EVENT_UNKNOWN' });
    expect(calls).toEqual(['all']);
  });

  it('a throwing handler never stops the others and costs one line naming the type, never the key', () => {
    const { lines, subscribers } = setup();
    const calls: string[] = [];
    subscribers.subscribe('EVENT_TONE', () => {
      throw new Error('boom');
    });
    subscribers.subscribe('EVENT_TONE', () => calls.push('second'));
    subscribers.subscribe('*', () => calls.push('all'));
    subscribers.run('EVENT_TONE', 'EVENT_TONE', fixtureBody('EVENT_TONE.json'));
    expect(calls).toEqual(['second', 'all']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('EVENT_TONE');
    expect(lines[0]).toContain('boom');
    expect(lines[0]).not.toContain(KEY);
  });

  it('unsubscribing removes only that registration', () => {
    const { subscribers } = setup();
    const calls: string[] = [];
    const handler = () => calls.push('x');
    const first = subscribers.subscribe('EVENT_TONE', handler);
    subscribers.subscribe('EVENT_TONE', handler);
    first();
    first();
    subscribers.run('EVENT_TONE', 'EVENT_TONE', {});
    expect(calls).toEqual(['x']);
  });

  it('run after the local events, once per push, through the publisher', () => {
    const order: string[] = [];
    const h = harness((name) => order.push(name));
    h.subscribers.subscribe('EVENT_UNIT_LOGOUT', (body) => order.push(`subscriber:${String(body.type)}`));
    h.publish(push('EVENT_UNIT_LOGOUT', { identId: 3 }));
    expect(order.at(-1)).toBe('subscriber:EVENT_UNIT_LOGOUT');
    expect(order.filter((name) => name.startsWith('subscriber'))).toHaveLength(1);
  });
});
