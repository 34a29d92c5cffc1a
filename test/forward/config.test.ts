/** The forwarding config: defaults, what it refuses, the official keys, the secrets the logger masks. */
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/core/config/schema';
import { ForwardingSchema, forwardingSecrets, resolveForwarding } from '../../src/core/forward/config';
import { backoffMs } from '../../src/core/forward/queue/retry';
import { parseRetryAfter } from '../../src/core/forward/send/http-post';

const DISCORD_URL = 'https://discord.com/api/webhooks/1234567890/tok-EN_abc';
const problems = (forwarding: unknown) => {
  const result = ForwardingSchema.safeParse(forwarding);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('ForwardingSchema', () => {
  it('defaults to no targets and documented bounds', () => {
    expect(ForwardingSchema.parse({})).toEqual({
      targets: [],
      retry: { firstDelaySeconds: 1, maxDelaySeconds: 60 },
      queue: { maxEvents: 20_000, maxBytes: 64 * 1024 * 1024 },
      deadLetters: { maxBytes: 16 * 1024 * 1024 },
      discord: { serverId: 1 },
    });
    expect(ConfigSchema.parse({}).forwarding).toEqual(ForwardingSchema.parse({}));
  });

  it('fills in target defaults and upper-cases patterns', () => {
    const { targets } = ForwardingSchema.parse({
      targets: [{ name: 'a', url: 'http://127.0.0.1:9/x', events: ['event_dispatch_*'] }],
    });
    expect(targets[0]).toEqual({
      name: 'a',
      url: 'http://127.0.0.1:9/x',
      enabled: true,
      method: 'POST',
      events: ['EVENT_DISPATCH_*'],
      format: 'raw',
      includeKey: false,
      headers: {},
      timeoutSeconds: 10,
      maxAgeSeconds: 86_400,
    });
  });

  it('refuses what could not work, by field', () => {
    expect(
      problems({
        targets: [
          { name: 'a', url: DISCORD_URL },
          { name: 'b', url: 'ftp://example.com', format: 'discord', includeKey: true },
          { name: 'c d', url: 'http://x.test', secret: 'whsec_abc+def=', headers: { 'Webhook-Id': 'x' } },
          { name: 'pushEventForwardUrl', url: 'http://x.test', extra: true },
          {
            name: 'e',
            url: DISCORD_URL,
            format: 'discord',
            method: 'PUT',
            secret: 'whsec_MfKQ9r8GKYqrTwjUPD8I',
          },
          { name: 'f', url: 'http://x.test', method: 'GET', enabled: 'no' },
        ],
      }),
    ).toEqual([
      'targets.0.format: Discord webhook URLs need "format": "discord"',
      'targets.1.url: expected an http:// or https:// URL',
      'targets.1.includeKey: a Discord message never carries the key',
      'targets.2.name: use 1-64 letters, digits, "_", "-" or "."',
      'targets.2.secret: give the NAME of a convar (environment variable for the relay), not the secret',
      'targets.2.headers.Webhook-Id: set by the forwarder itself',
      'targets.3.name: "pushEventForwardUrl" is reserved for the official key',
      'targets.3: Unrecognized key: "extra"',
      // A secret's own text would be printed by every listing of the target.
      'targets.4.secret: give the NAME of a convar (environment variable for the relay), not the secret',
      'targets.4.method: Discord webhooks take POST',
      'targets.5.enabled: Invalid input: expected boolean, received string',
      'targets.5.method: Invalid option: expected one of "POST"|"PUT"',
    ]);
    expect(
      problems({ targets: [{ name: 'x', url: 'http://x.test', headers: { 'Bad Name': 'x' } }] }),
    ).toEqual(['targets.0.headers.Bad Name: not a valid header name']);
    expect(
      problems({
        targets: [
          { name: 'x', url: 'http://x.test' },
          { name: 'x', url: 'http://y.test' },
        ],
      }),
    ).toEqual(['targets.1.name: duplicate name']);
  });
});

describe('the official keys', () => {
  const forwarding = ForwardingSchema.parse({});

  it('make one raw target that keeps the key, beside the configured ones', () => {
    const resolved = resolveForwarding({
      forwarding,
      enablePushEventForwarding: true,
      pushEventForwardUrl: 'http://127.0.0.1:30120/sonorancad_events/event',
    });
    expect(resolved.targets).toEqual([
      expect.objectContaining({
        name: 'pushEventForwardUrl',
        url: 'http://127.0.0.1:30120/sonorancad_events/event',
        events: ['*'],
        format: 'raw',
        includeKey: true,
        legacy: true,
      }),
    ]);
    expect(resolved.warnings).toEqual([]);
  });

  it('do nothing when off, and explain an unusable URL when on', () => {
    expect(
      resolveForwarding({ forwarding, enablePushEventForwarding: false, pushEventForwardUrl: 'x' }).targets,
    ).toEqual([]);
    const resolved = resolveForwarding({
      forwarding,
      enablePushEventForwarding: true,
      pushEventForwardUrl: 'host',
    });
    expect(resolved.targets).toEqual([]);
    expect(resolved.warnings).toEqual([
      'enablePushEventForwarding is on but pushEventForwardUrl is unusable (expected an http:// or https:// URL): not forwarding.',
    ]);
  });
});

describe('forwardingSecrets', () => {
  it('lists signing secrets, header values and Discord webhook tokens for the logger to mask', () => {
    const forwarding = ForwardingSchema.parse({
      targets: [
        { name: 'a', url: 'http://x.test', secret: 'A_SECRET', headers: { Authorization: 'Bearer t0k3n' } },
        { name: 'd', url: DISCORD_URL, format: 'discord' },
        { name: 'unset', url: 'http://x.test', secret: 'UNSET' },
      ],
    });
    const settings: Record<string, string> = { A_SECRET: 'whsec_one whsec_two' };
    expect(
      forwardingSecrets({ forwarding, enablePushEventForwarding: false }, (name) => settings[name]),
    ).toEqual(['whsec_one', 'whsec_two', 'Bearer t0k3n', 'tok-EN_abc']);
  });
});

describe('retry timing', () => {
  const policy = { firstDelayMs: 1000, maxDelayMs: 60_000 };

  it('doubles from the first delay to the cap, with ±20% jitter that never passes the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((retry) => backoffMs(policy, retry, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
    expect(backoffMs(policy, 1, () => 0)).toBe(800);
    expect(backoffMs(policy, 1, () => 0.999999)).toBe(1200);
    expect(backoffMs(policy, 9, () => 0.999999)).toBe(60_000);
    expect(backoffMs(policy, 9, () => 0)).toBe(48_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    for (const value of [null, undefined, '', '-3', 'soon'])
      expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
