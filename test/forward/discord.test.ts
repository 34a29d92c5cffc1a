/** Discord targets: embeds within Discord's limits, Sonoran's footer metadata, no pings, rate limits, dead webhooks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampEmbed, EMBED_LIMITS, type Embed, embedLength } from '../../src/core/forward/send/discord/clamp';
import { discordMessage } from '../../src/core/forward/send/discord/message';
import { parseDiscordWebhook } from '../../src/core/forward/send/discord/webhook-url';
import { keylessBody } from '../../src/core/forward/send/keyless-body';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { API_KEY, manualTimers, playRetries, pushes, startForwarder, trackOpen } from './harness';

const track = trackOpen();

const CONTEXT = { source: 'sonorancad', serverId: 2, at: Date.parse('2026-03-01T12:00:00Z') };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Message {
  embeds: Embed[];
  allowed_mentions: { parse: string[] };
}
const render = (push: Record<string, unknown>): Message =>
  JSON.parse(discordMessage(keylessBody(JSON.stringify({ key: API_KEY, ...push }), API_KEY), CONTEXT));

function expectWithinLimits(embed: Embed): void {
  expect(embed.title.length).toBeGreaterThan(0);
  expect(embed.title.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
}

describe('Discord messages', () => {
  it('carry Sonoran’s footer metadata for the types it defines', () => {
    const footer = (push: Record<string, unknown>) => render(push).embeds[0]!.footer?.text;
    expect(footer(pushes.call911(12))).toBe('sonorancad | 8 | 12 | 2');
    expect(footer(pushes.panic(25))).toBe('sonorancad | 0 | 25');
    expect(footer(pushes.dispatchNew(40))).toBe('sonorancad | 5 | 40 | 2');
    expect(footer({ type: 'EVENT_DISPATCH_EDIT', data: { dispatch: { callId: 41 } } })).toBe(
      'sonorancad | 6 | 41 | 2',
    );
    expect(footer({ type: 'EVENT_DISPATCH_CLOSED', data: { callIds: [42, 43] } })).toBe(
      'sonorancad | 7 | 42',
    );
    expect(footer({ type: 'EVENT_DISPATCH_NOTE', data: { callId: 44, note: 'en route' } })).toBe(
      'sonorancad | 6 | 44 | 2',
    );
    for (const [type, number] of [
      ['EVENT_RECORD_ADD', 9],
      ['EVENT_RECORD_EDIT', 10],
      ['EVENT_RECORD_REMOVE', 11],
    ] as const) {
      expect(footer({ type, data: { record: { id: 5678, name: 'Citation' } } })).toBe(
        `sonorancad | ${number} | 5678`,
      );
    }
    expect(
      footer({ type: 'EVENT_TONE', data: { url: 'https://s3.test/Station%201.mp3', playTonesTo: [] } }),
    ).toBe('sonorancad | 12 | Station 1');
    expect(footer(pushes.unitLogout(3))).toBe('EVENT_UNIT_LOGOUT');
    expect(footer({ type: 'EVENT_SOMETHING_NEW', data: { a: 1 } })).toBe('EVENT_SOMETHING_NEW');
  });

  it('lay out each event people watch, and show anything else as data', () => {
    const call = render(pushes.call911(12)).embeds[0]!;
    expect(call).toMatchObject({
      title: '911 call #12',
      description: 'Shots fired',
      fields: [
        { name: 'Caller', value: 'JOHN DOE' },
        { name: 'Location', value: 'Route 68' },
      ],
      timestamp: '2026-03-01T12:00:00.000Z',
    });
    expect(render({ ...pushes.panic(3), data: { identIds: [3], isPanic: false } }).embeds[0]!.title).toBe(
      'Panic cleared',
    );
    expect(render(pushes.dispatchNew(40)).embeds[0]!.title).toBe('New call #40: Traffic stop');
    const login = render({
      type: 'EVENT_UNIT_LOGIN',
      data: {
        unit: { id: 9, data: { unitNum: '1A-12', name: 'J. Smith', department: 'LSPD' } },
        isDispatch: false,
      },
    }).embeds[0]!;
    expect(login).toMatchObject({
      title: 'Unit logged in: 1A-12 J. Smith',
      fields: [{ name: 'Department', value: 'LSPD' }],
    });
    const unknown = render({ type: 'EVENT_SOMETHING_NEW', data: { a: 1 } }).embeds[0]!;
    expect(unknown.description).toBe('```json\n{\n  "a": 1\n}\n```');
    const broken = render({ type: 'EVENT_911', data: { call: 'nope' } }).embeds[0]!;
    expect(broken.fields).toEqual([
      { name: 'Not understood', value: expect.stringContaining('EVENT_911'), inline: false },
    ]);
  });

  it('never let CAD text ping anyone, and never carry the key', () => {
    const message = render({
      type: 'EVENT_911',
      data: { call: { callId: 1, description: `@everyone <@&123> key ${API_KEY}`, caller: API_KEY } },
    });
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(message)).not.toContain(API_KEY);
  });

  it('stay within Discord’s embed limits whatever the CAD sends (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 7000 });
    const blank = fc.constantFrom('', '   ', '\n\t');
    const anyText = fc.oneof(text, blank, fc.string({ maxLength: 300 }));
    const push = fc.oneof(
      fc.record({
        type: fc.constant('EVENT_911'),
        data: fc.record({
          call: fc.record({ callId: fc.nat(), caller: anyText, location: anyText, description: anyText }),
        }),
      }),
      fc.record({
        type: fc.constantFrom('EVENT_DISPATCH_NEW', 'EVENT_DISPATCH_EDIT'),
        data: fc.record({
          dispatch: fc.record({
            callId: fc.nat(),
            title: anyText,
            description: anyText,
            address: anyText,
            code: anyText,
            notes: fc.array(fc.record({ content: anyText }), { maxLength: 5 }),
          }),
        }),
      }),
      fc.record({
        type: fc.constantFrom('EVENT_RECORD_ADD', 'EVENT_RECORD_EDIT', 'EVENT_RECORD_REMOVE'),
        data: fc.record({
          record: fc.record({
            id: fc.nat(),
            name: anyText,
            sections: fc.array(
              fc.record({
                fields: fc.array(fc.record({ label: anyText, value: anyText }), { maxLength: 30 }),
              }),
              {
                maxLength: 3,
              },
            ),
          }),
        }),
      }),
      fc.record({
        type: fc.constant('EVENT_DISPATCH_NOTE'),
        data: fc.record({ callId: fc.nat(), note: anyText }),
      }),
      fc.record({
        type: fc.constant('EVENT_TONE'),
        data: fc.record({
          url: anyText,
          playTonesTo: fc.array(fc.record({ type: fc.nat(6), value: fc.nat(), label: anyText }), {
            maxLength: 40,
          }),
        }),
      }),
      fc.record({ type: fc.string({ maxLength: 400 }), data: fc.jsonValue() }),
    );
    fc.assert(
      fc.property(push, (body) => {
        const message = render(body);
        expect(message.embeds).toHaveLength(1);
        expect(message.allowed_mentions).toEqual({ parse: [] });
        expectWithinLimits(message.embeds[0]!);
        expect(LONE_SURROGATE.test(JSON.stringify(message.embeds[0]))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('clamp any embed to the limits, cutting trailing fields before the description (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 5000 });
    const embed = fc.record({
      title: text,
      description: fc.option(text, { nil: undefined }),
      footer: fc.option(fc.record({ text }), { nil: undefined }),
      fields: fc.option(fc.array(fc.record({ name: text, value: text }), { maxLength: 40 }), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(embed, (input) => {
        const output = clampEmbed(input);
        expectWithinLimits(output);
        expect(LONE_SURROGATE.test(JSON.stringify(output))).toBe(false);
        // Fields are only ever dropped from the end.
        const names = (output.fields ?? []).map((field) => field.name);
        expect(names).toEqual(
          (input.fields ?? [])
            .slice(0, names.length)
            .map((field) => clampEmbed({ title: 'x', fields: [field] }).fields![0]!.name),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('Discord webhook URLs', () => {
  it('are recognised on discord.com and discordapp.com', () => {
    for (const url of [
      'https://discord.com/api/webhooks/123/abc-DEF_1',
      'https://discordapp.com/api/webhooks/123/abc-DEF_1',
      'https://ptb.discord.com/api/v10/webhooks/123/abc-DEF_1?thread_id=9',
    ]) {
      expect(parseDiscordWebhook(url)).toEqual({ id: '123', token: 'abc-DEF_1', official: true });
    }
    expect(parseDiscordWebhook('http://127.0.0.1:9/api/webhooks/1/t')).toEqual({
      id: '1',
      token: 't',
      official: false,
    });
    expect(parseDiscordWebhook('https://example.com/hook')).toBeNull();
  });
});

describe('Discord targets', () => {
  const webhookUrl = (receiver: Receiver) =>
    receiver.url.replace('/hook', '/api/webhooks/123/tok?thread_id=7');

  it('post with ?wait=true and wait out an empty rate-limit bucket before the next request', async () => {
    const receiver = track(
      await startReceiver(() => ({
        headers: {
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset-After': '0.2',
          'X-RateLimit-Bucket': 'b1',
        },
        body: '{"id":"1"}',
      })),
    );
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'd', url: webhookUrl(receiver), format: 'discord' }] },
      }),
    );
    harness.push(pushes.panic(1));
    harness.push(pushes.panic(2));
    harness.push(pushes.panic(3));
    await until(() => harness.forwarder.status().targets[0]!.delivered === 3, 'three messages');
    expect(receiver.requests.map((request) => request.path)).toEqual(
      Array(3).fill('/api/webhooks/123/tok?thread_id=7&wait=true'),
    );
    const [first, second, third] = receiver.requests.map((request) => request.at);
    expect(second! - first!).toBeGreaterThanOrEqual(190);
    expect(third! - second!).toBeGreaterThanOrEqual(190);
    expect(harness.forwarder.status().targets[0]!.failed).toBe(0);
  });

  it('respect a 429’s retry_after', async () => {
    const receiver = track(
      await startReceiver((_, index) =>
        index === 0
          ? {
              status: 429,
              headers: { 'Retry-After': '3' },
              body: '{"message":"You are being rate limited.","retry_after":2.5,"global":false}',
            }
          : {},
      ),
    );
    const timers = manualTimers();
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [{ name: 'd', url: webhookUrl(receiver), format: 'discord', timeoutSeconds: 300 }],
        },
        timers,
      }),
    );
    harness.push(pushes.panic(1));
    await playRetries(
      harness,
      timers,
      () => harness.forwarder.status().targets[0]!.delivered === 1,
      'delivery',
    );
    // The retry waits out the body's retry_after, not the header's 3 s nor a 1 s backoff.
    expect(timers.delays.filter((ms) => ms !== 300_000)).toEqual([2500]);
  });

  it('stop for good on 404 or 401, with one loud line, keeping the events as dead letters', async () => {
    for (const status of [404, 401]) {
      const receiver = track(
        await startReceiver(() => ({ status, body: '{"message":"Unknown Webhook","code":10015}' })),
      );
      const harness = track(
        startForwarder({
          forwarding: { targets: [{ name: 'd', url: webhookUrl(receiver), format: 'discord' }] },
        }),
      );
      harness.push(pushes.panic(1));
      harness.push(pushes.panic(2));
      await until(() => harness.forwarder.status().targets[0]!.deadLettered === 2, 'dead letters');
      harness.push(pushes.panic(3));
      await until(() => harness.forwarder.status().targets[0]!.deadLettered === 3, 'the later event too');
      expect(receiver.requests).toHaveLength(1);
      const loud = harness.logs.filter((line) => line.includes('FORWARD TARGET "d" DISABLED'));
      expect(loud).toEqual([
        expect.stringContaining(`HTTP ${status}: {"message":"Unknown Webhook","code":10015}`),
      ]);
      expect(loud[0]).not.toContain('tok');
    }
  });
});
