/** The `forwarding` section of config.json, and the official resource's two keys translated into one target. */
import * as z from 'zod/mini';
import { described, setting } from '../config/setting';
import { urlSecrets } from '../mask-url';
import { once } from '../once';
import { parseDiscordWebhook } from './send/discord/webhook-url';

const MiB = 1024 * 1024;
const DAY_SECONDS = 24 * 60 * 60;
/** Shown in status lines and journal records; the legacy target takes the official key's name. */
const LEGACY_TARGET = 'pushEventForwardUrl';
const TARGET_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
/** A signing secret's own text, which must stay in a convar: a listing of the target would show it. */
const SECRET_VALUE = /^whsec_/i;
const SECRET_BY_NAME = 'give the NAME of a convar (environment variable for the relay), not the secret';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the forwarder sets itself: overriding them would break signing or the body. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

function headerProblem(name: string): string | null {
  if (!HEADER_NAME.test(name)) return 'not a valid header name';
  return RESERVED_HEADERS.has(name.toLowerCase()) ? 'set by the forwarder itself' : null;
}

/** Built when a target is first parsed: most servers configure none (~2 ms of constructors at start). */
export const targetSchema = once(() =>
  z
    .strictObject({
      name: described(
        z.string().check(
          z.regex(TARGET_NAME, 'use 1-64 letters, digits, "_", "-" or "."'),
          z.refine((name) => name !== LEGACY_TARGET, `"${LEGACY_TARGET}" is reserved for the official key`),
        ),
        'Unique name, used by the forward commands and in the journal.',
      ),
      url: described(
        z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
        'Where to send.',
      ),
      enabled: setting(
        z.boolean(),
        true,
        'false switches the target off: nothing new is queued, its backlog waits until it is on.',
      ),
      method: setting(z.enum(['POST', 'PUT']), 'POST', 'HTTP method of each request.'),
      events: setting(
        z
          .array(
            z.pipe(
              z.string().check(z.minLength(1)),
              z.transform((pattern: string) => pattern.trim().toUpperCase()),
            ),
          )
          .check(z.minLength(1)),
        ['*'],
        'Event types to forward; "*" matches any run of characters, e.g. "EVENT_DISPATCH_*".',
      ),
      format: setting(
        z.enum(['raw', 'discord']),
        'raw',
        '"raw": the push as JSON without its key; "discord": one Discord embed per event.',
      ),
      includeKey: setting(
        z.boolean(),
        false,
        'Raw only: send the exact received bytes, key included, for receivers that check data.key.',
      ),
      secret: described(
        z.optional(
          z
            .string()
            .check(z.refine((name) => SETTING_NAME.test(name) && !SECRET_VALUE.test(name), SECRET_BY_NAME)),
        ),
        'Name of the convar (relay: environment variable) holding a whsec_… signing secret.',
      ),
      headers: setting(
        z.record(z.string(), z.string()).check(
          z.superRefine((headers, ctx) => {
            for (const name of Object.keys(headers)) {
              const problem = headerProblem(name);
              if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
            }
          }),
        ),
        {},
        'Extra request headers, e.g. an Authorization header the receiver expects.',
      ),
      timeoutSeconds: setting(
        z.number().check(z.positive(), z.maximum(300)),
        10,
        'Seconds one attempt may take, body included, before it counts as failed.',
      ),
      maxAttempts: described(
        z.optional(z.int().check(z.minimum(1))),
        'Attempts per event before it is dead-lettered; unlimited by default (maxAgeSeconds decides).',
      ),
      maxAgeSeconds: setting(
        z.number().check(z.positive()),
        DAY_SECONDS,
        'Seconds after arrival when an undelivered event stops being retried and is dead-lettered.',
      ),
    })
    .check(
      z.superRefine((target, ctx) => {
        if (target.format === 'discord' && target.includeKey) {
          ctx.addIssue({
            code: 'custom',
            path: ['includeKey'],
            message: 'a Discord message never carries the key',
          });
        }
        if (target.format === 'discord' && target.method !== 'POST') {
          ctx.addIssue({ code: 'custom', path: ['method'], message: 'Discord webhooks take POST' });
        }
        if (target.format === 'raw' && parseDiscordWebhook(target.url)?.official) {
          ctx.addIssue({
            code: 'custom',
            path: ['format'],
            message: 'Discord webhook URLs need "format": "discord"',
          });
        }
      }),
    ),
);

const RetrySchema = z.strictObject({
  firstDelaySeconds: setting(
    z.number().check(z.positive()),
    1,
    'Wait before the first retry; doubles each time.',
  ),
  maxDelaySeconds: setting(z.number().check(z.positive()), 60, 'Longest wait between two attempts.'),
});

const QueueSchema = z.strictObject({
  maxEvents: setting(
    z.int().check(z.minimum(1)),
    20_000,
    'Undelivered events kept; past it the oldest go to the dead-letter file.',
  ),
  maxBytes: setting(
    z.int().check(z.minimum(64 * 1024)),
    64 * MiB,
    'Bytes of undelivered bodies kept in memory and in the journal; same overflow rule.',
  ),
});

const DeadLetterSchema = z.strictObject({
  maxBytes: setting(
    z.int().check(z.minimum(64 * 1024)),
    16 * MiB,
    'Size at which the dead-letter file is rotated; one older file is kept.',
  ),
});

const DiscordSchema = z.strictObject({
  serverId: setting(
    z.int().check(z.minimum(0)),
    1,
    'CAD server id written in Discord footers ("Call ID | Server ID"), as the CAD does.',
  ),
});

export const ForwardingSchema = z.strictObject({
  targets: setting(
    z.array(z.lazy(targetSchema)).check(
      z.superRefine((targets, ctx) => {
        const seen = new Set<string>();
        targets.forEach((target, index) => {
          if (seen.has(target.name))
            ctx.addIssue({ code: 'custom', path: [index, 'name'], message: 'duplicate name' });
          seen.add(target.name);
        });
      }),
    ),
    [],
    'Where accepted pushes are sent; none by default.',
  ),
  retry: z.prefault(RetrySchema, {}),
  queue: z.prefault(QueueSchema, {}),
  deadLetters: z.prefault(DeadLetterSchema, {}),
  discord: z.prefault(DiscordSchema, {}),
});

export type Forwarding = z.output<typeof ForwardingSchema>;
export type Target = z.output<ReturnType<typeof targetSchema>> & { legacy?: true };

/** The config keys this module reads; ConfigSchema holds them. */
export interface ForwardingConfig {
  forwarding: Forwarding;
  enablePushEventForwarding: boolean;
  pushEventForwardUrl?: string | undefined;
}

export interface ResolvedForwarding extends Forwarding {
  /** The configured targets, plus the official keys' target when they are on. */
  targets: Target[];
  /** Problems found in the official keys, for one log line each. */
  warnings: string[];
}

/** The official forwarder sent the exact body, key included, to one URL: keep that for its receivers. */
export function resolveForwarding(config: ForwardingConfig): ResolvedForwarding {
  const { forwarding, enablePushEventForwarding, pushEventForwardUrl } = config;
  if (!enablePushEventForwarding) return { ...forwarding, warnings: [] };
  // Parsed under a stand-in name (the real one is reserved) to get the same defaults and checks.
  const parsed = targetSchema().safeParse({
    name: 'official',
    url: pushEventForwardUrl ?? '',
    includeKey: true,
  });
  if (!parsed.success) {
    const problem = parsed.error.issues[0]?.message ?? 'invalid';
    const warning = `enablePushEventForwarding is on but pushEventForwardUrl is unusable (${problem}): not forwarding.`;
    return { ...forwarding, warnings: [warning] };
  }
  const legacy: Target = { ...parsed.data, name: LEGACY_TARGET, legacy: true };
  return { ...forwarding, targets: [...forwarding.targets, legacy], warnings: [] };
}

/** What the console hears when forwarding starts: the official keys' problems, or that their target gets the key. */
export function startWarnings(settings: ResolvedForwarding): string[] {
  if (!settings.targets.some((target) => target.legacy)) return settings.warnings;
  return [
    ...settings.warnings,
    'pushEventForwardUrl receives every push with the API key inside, as the official resource sends it. ' +
      'A forwarding target with a signing secret keeps the key on this server (docs/forwarding.md).',
  ];
}

/** Values the logger must mask: signing secrets, header values and the credentials inside target URLs. */
export function forwardingSecrets(
  config: ForwardingConfig,
  setting: (name: string) => string | undefined,
): string[] {
  const secrets: string[] = [];
  for (const target of config.forwarding.targets) {
    if (target.secret) secrets.push(...(setting(target.secret)?.split(/\s+/) ?? []));
    secrets.push(...Object.values(target.headers));
    secrets.push(...urlSecrets(target.url));
  }
  return secrets.filter((secret) => secret !== '');
}
