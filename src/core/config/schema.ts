/** config.json, validated: every key has a default, so an empty file (or none) is a working setup. */
import { z } from 'zod';
import { AlertsSchema } from '../alerts/config';
import { ForwardingSchema } from '../forward/config';
import { ModeSchema, WebsocketSchema } from '../websocket/config';

const KiB = 1024;
// FXServer closes connections that buffer more than 5 MiB, so a larger cap could never be reached.
const FXSERVER_BODY_LIMIT = 5 * 1024 * KiB;

export const AuthFailureSchema = z
  .object({
    limit: z.number().int().min(1).default(10).describe('Failed keys from one address before it is blocked.'),
    windowSeconds: z.number().int().min(1).default(60).describe('Window in which failures are counted.'),
    blockSeconds: z.number().int().min(1).default(60).describe('How long a blocked address gets 429.'),
  })
  .strict();

export const CacheSchema = z
  .object({
    maxUnits: z.number().int().min(1).default(2000).describe('Units kept in the unit cache.'),
    maxCalls: z
      .number()
      .int()
      .min(1)
      .default(1000)
      .describe('Calls kept in each call cache (911, dispatch).'),
  })
  .strict();

/** The cache sizes an empty config gets; the caches' own defaults. */
export const CACHE_DEFAULTS = CacheSchema.parse({});

export const ConfigSchema = z
  .object({
    $schema: z.string().optional().describe('Ignored: lets an editor point at a JSON schema for hints.'),
    apiKey: z
      .string()
      .optional()
      .describe('Community API key. Prefer the convar sonoran_apiKey (or SONORAN_API_KEY for the relay).'),
    communityID: z
      .string()
      .optional()
      .describe(
        'Official resource key: community ID for the websocket. The convar sonoran_communityID wins.',
      ),
    serverId: z
      .union([z.number().int().min(0), z.string()])
      .optional()
      .describe('Official resource key: this server id in the CAD. The convar sonoran_serverId wins.'),
    mode: ModeSchema,
    websocket: WebsocketSchema.default(WebsocketSchema.parse({})),
    maxBodyBytes: z
      .number()
      .int()
      .min(KiB)
      .max(FXSERVER_BODY_LIMIT)
      .default(256 * KiB)
      .describe('Largest accepted push body; larger ones get 413.'),
    authFailures: AuthFailureSchema.default(AuthFailureSchema.parse({})),
    cache: CacheSchema.default(CacheSchema.parse({})),
    alerts: AlertsSchema.default(AlertsSchema.parse({})),
    logEvents: z
      .boolean()
      .optional()
      .describe('One console line per push (type, status, ms). Default: on for the relay, off in FiveM.'),
    debug: z.boolean().default(false).describe('Extra diagnostic lines in the console.'),
    enablePushEventForwarding: z
      .boolean()
      .default(false)
      .describe('Official resource key: forward every push to pushEventForwardUrl.'),
    pushEventForwardUrl: z.string().optional().describe('Official resource key: the single forward URL.'),
    forwarding: ForwardingSchema.default(ForwardingSchema.parse({})),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
