/** The `forwarding` section of config.json, and the official resource's two keys translated into one target. */
import { z } from 'zod';
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

export const TargetSchema = z
  .object({
    name: z
      .string()
      .regex(TARGET_NAME, 'use 1-64 letters, digits, "_", "-" or "."')
      .refine((name) => name !== LEGACY_TARGET, `"${LEGACY_TARGET}" is reserved for the official key`)
      .describe('Unique name, used by the forward commands and in the journal.'),
    url: z
      .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
      .describe('Where to send.'),
    enabled: z
      .boolean()
      .default(true)
      .describe('false switches the target off: nothing new is queued, its backlog waits until it is on.'),
    method: z.enum(['POST', 'PUT']).default('POST').describe('HTTP method of each request.'),
    events: z
      .array(
        z
          .string()
          .min(1)
          .transform((pattern) => pattern.trim().toUpperCase()),
      )
      .min(1)
      .default(['*'])
      .describe('Event types to forward; "*" matches any run of characters, e.g. "EVENT_DISPATCH_*".'),
    format: z
      .enum(['raw', 'discord'])
      .default('raw')
      .describe('"raw": the push as JSON without its key; "discord": one Discord embed per event.'),
    includeKey: z
      .boolean()
      .default(false)
      .describe('Raw only: send the exact received bytes, key included, for receivers that check data.key.'),
    secret: z
      .string()
      .refine((name) => SETTING_NAME.test(name) && !SECRET_VALUE.test(name), SECRET_BY_NAME)
      .optional()
      .describe('Name of the convar (relay: environment variable) holding a whsec_… signing secret.'),
    headers: z
      .record(z.string(), z.string())
      .superRefine((headers, ctx) => {
        for (const name of Object.keys(headers)) {
          const problem = headerProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
        }
      })
      .default({})
      .describe('Extra request headers, e.g. an Authorization header the receiver expects.'),
    timeoutSeconds: z
      .number()
      .positive()
      .max(300)
      .default(10)
      .describe('Seconds one attempt may take, body included, before it counts as failed.'),
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'Attempts per event before it is dead-lettered; unlimited by default (maxAgeSeconds decides).',
      ),
    maxAgeSeconds: z
      .number()
      .positive()
      .default(DAY_SECONDS)
      .describe('Seconds after arrival when an undelivered event stops being retried and is dead-lettered.'),
  })
  .strict()
  .superRefine((target, ctx) => {
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
  });

const RetrySchema = z
  .object({
    firstDelaySeconds: z
      .number()
      .positive()
      .default(1)
      .describe('Wait before the first retry; doubles each time.'),
    maxDelaySeconds: z.number().positive().default(60).describe('Longest wait between two attempts.'),
  })
  .strict();

const QueueSchema = z
  .object({
    maxEvents: z
      .number()
      .int()
      .min(1)
      .default(20_000)
      .describe('Undelivered events kept; past it the oldest go to the dead-letter file.'),
    maxBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .default(64 * MiB)
      .describe('Bytes of undelivered bodies kept in memory and in the journal; same overflow rule.'),
  })
  .strict();

const DeadLetterSchema = z
  .object({
    maxBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .default(16 * MiB)
      .describe('Size at which the dead-letter file is rotated; one older file is kept.'),
  })
  .strict();

const DiscordSchema = z
  .object({
    serverId: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe('CAD server id written in Discord footers ("Call ID | Server ID"), as the CAD does.'),
  })
  .strict();

export const ForwardingSchema = z
  .object({
    targets: z
      .array(TargetSchema)
      .default([])
      .superRefine((targets, ctx) => {
        const seen = new Set<string>();
        targets.forEach((target, index) => {
          if (seen.has(target.name))
            ctx.addIssue({ code: 'custom', path: [index, 'name'], message: 'duplicate name' });
          seen.add(target.name);
        });
      })
      .describe('Where accepted pushes are sent; none by default.'),
    retry: RetrySchema.default(RetrySchema.parse({})),
    queue: QueueSchema.default(QueueSchema.parse({})),
    deadLetters: DeadLetterSchema.default(DeadLetterSchema.parse({})),
    discord: DiscordSchema.default(DiscordSchema.parse({})),
  })
  .strict();

export type Forwarding = z.output<typeof ForwardingSchema>;
export type Target = z.output<typeof TargetSchema> & { legacy?: true };

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
  const parsed = TargetSchema.safeParse({
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

/** Values the logger must mask: signing secrets, header values and Discord webhook tokens. */
export function forwardingSecrets(
  config: ForwardingConfig,
  setting: (name: string) => string | undefined,
): string[] {
  const secrets: string[] = [];
  for (const target of config.forwarding.targets) {
    if (target.secret) secrets.push(...(setting(target.secret)?.split(/\s+/) ?? []));
    secrets.push(...Object.values(target.headers));
    const discord = parseDiscordWebhook(target.url);
    if (discord) secrets.push(discord.token);
  }
  return secrets.filter((secret) => secret !== '');
}
