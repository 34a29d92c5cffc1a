import { describe, expect, it } from 'vitest';
import { parseAdd, parseSet } from '../../src/core/commands/forward-args';

describe('forward add', () => {
  it('reads a name, a URL and every option', () => {
    const parsed = parseAdd([
      'bot',
      'https://bot.example.com/',
      '--events',
      'EVENT_911, EVENT_DISPATCH_*',
      '--format=raw',
      '--secret',
      'sonorancad_bot_secret',
      '--method',
      'put',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: 'bot',
        url: 'https://bot.example.com/',
        events: ['EVENT_911', 'EVENT_DISPATCH_*'],
        format: 'raw',
        secret: 'sonorancad_bot_secret',
        method: 'PUT',
      },
    });
  });

  it('leaves the values to the schema', () => {
    expect(parseAdd(['a b', 'not-a-url', '--format', 'xml'])).toEqual({
      ok: true,
      value: { name: 'a b', url: 'not-a-url', format: 'xml' },
    });
  });

  it.each([
    [[], /^Usage: sonorancad forward add <name> <url>/],
    [['bot'], /^Usage/],
    [['bot', '--events', 'A'], /^Usage/],
    [['bot', 'https://x/', '--colour', 'red'], /"--colour" is not an option here; use --events, --format/],
    [['bot', 'https://x/', '--headers', 'A'], /"--headers" is not an option here/],
    [['bot', 'https://x/', '--format'], /--format needs a value/],
    [['bot', 'https://x/', '--secret='], /--secret needs a value/],
  ])('refuses %j', (args, message) => {
    const parsed = parseAdd(args);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(message);
  });
});

describe('forward set', () => {
  it.each([
    [['bot', 'url', 'https://x.example.com/'], { url: 'https://x.example.com/' }],
    [['bot', 'events', 'EVENT_911,EVENT_UNIT_*'], { events: ['EVENT_911', 'EVENT_UNIT_*'] }],
    [['bot', 'events', 'EVENT_911,', 'EVENT_UNIT_*'], { events: ['EVENT_911', 'EVENT_UNIT_*'] }],
    [['bot', 'timeoutSeconds', '2.5'], { timeoutSeconds: 2.5 }],
    [['bot', 'maxAttempts', 'many'], { maxAttempts: 'many' }],
    [['bot', 'includeKey', 'true'], { includeKey: true }],
    [['bot', 'method', 'post'], { method: 'POST' }],
    [['bot', 'secret', '-'], { secret: null }],
    [['bot', 'name', 'other'], { name: 'other' }],
  ])('%j patches %j', (args, patch) => {
    expect(parseSet(args)).toEqual({ ok: true, value: { name: 'bot', patch } });
  });

  it('never takes header values, which would show on the console line', () => {
    for (const field of ['headers', 'headers.Authorization']) {
      const parsed = parseSet(['bot', field, 'Bearer', 'abc']);
      expect(parsed).toEqual({
        ok: false,
        message: expect.stringMatching(/^Header values are not set from the console/),
      });
    }
  });

  it('needs a name, a field and a value', () => {
    expect(parseSet(['bot', 'url'])).toEqual({
      ok: false,
      message: 'Usage: sonorancad forward set <name> <field> <value|->',
    });
  });
});
