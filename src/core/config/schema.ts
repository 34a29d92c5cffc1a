/** config.json, validated: every key has a default, so an empty file (or none) is a working setup. */
import * as z from 'zod/mini';
import { AlertsSchema } from '../alerts/config';
import { ForwardingSchema } from '../forward/config';
import { ModeSchema, WebsocketSchema } from '../websocket/config';
import { described, setting } from './setting';

const KiB = 1024;
// FXServer closes connections that buffer more than 5 MiB, so a larger cap could never be reached.
const FXSERVER_BODY_LIMIT = 5 * 1024 * KiB;

export const AuthFailureSchema = z.strictObject({
  limit: setting(z.int().check(z.minimum(1)), 10, 'Failed keys from one address before it is blocked.'),
  windowSeconds: setting(z.int().check(z.minimum(1)), 60, 'Window in which failures are counted.'),
  blockSeconds: setting(z.int().check(z.minimum(1)), 60, 'How long a blocked address gets 429.'),
});

export const CacheSchema = z.strictObject({
  maxUnits: setting(z.int().check(z.minimum(1)), 2000, 'Units kept in the unit cache.'),
  maxCalls: setting(z.int().check(z.minimum(1)), 1000, 'Calls kept in each call cache (911, dispatch).'),
});

const MiB = 1024 * KiB;

/** The relay's own HTTP listener; FXServer's listener has limits of its own and ignores these. */
export const HttpSchema = z.strictObject({
  maxConnections: setting(
    z.int().check(z.minimum(1), z.maximum(100_000)),
    256,
    'Relay only: open connections at most; further ones are closed at once.',
  ),
  maxBufferedBytes: setting(
    z.int().check(z.minimum(256 * KiB), z.maximum(1024 * MiB)),
    16 * MiB,
    'Relay only: push-body bytes held across all connections before the key is checked; a body past it gets 503.',
  ),
});

/** The cache sizes an empty config gets; the caches' own defaults. */
export const CACHE_DEFAULTS = CacheSchema.parse({});

export const ConfigSchema = z.strictObject({
  $schema: described(z.optional(z.string()), 'Ignored: lets an editor point at a JSON schema for hints.'),
  apiKey: described(
    z.optional(z.string()),
    'Community API key. Prefer the convar sonoran_apiKey (or SONORAN_API_KEY for the relay).',
  ),
  communityID: described(
    z.optional(z.string()),
    'Official resource key: community ID for the websocket. The convar sonoran_communityID wins.',
  ),
  serverId: described(
    z.optional(z.union([z.int().check(z.minimum(0)), z.string()])),
    'Official resource key: this server id in the CAD. The convar sonoran_serverId wins.',
  ),
  mode: ModeSchema,
  websocket: z.prefault(WebsocketSchema, {}),
  maxBodyBytes: setting(
    z.int().check(z.minimum(KiB), z.maximum(FXSERVER_BODY_LIMIT)),
    256 * KiB,
    'Largest accepted push body; larger ones get 413.',
  ),
  // A missing section is parsed from {}: its own defaults, built when first needed rather than at load.
  http: z.prefault(HttpSchema, {}),
  authFailures: z.prefault(AuthFailureSchema, {}),
  cache: z.prefault(CacheSchema, {}),
  alerts: z.prefault(AlertsSchema, {}),
  logEvents: described(
    z.optional(z.boolean()),
    'One console line per push (type, status, ms). Default: on for the relay, off in FiveM.',
  ),
  debug: setting(z.boolean(), false, 'Extra diagnostic lines in the console.'),
  enablePushEventForwarding: setting(
    z.boolean(),
    false,
    'Official resource key: forward every push to pushEventForwardUrl.',
  ),
  pushEventForwardUrl: described(z.optional(z.string()), 'Official resource key: the single forward URL.'),
  forwarding: z.prefault(ForwardingSchema, {}),
});

export type Config = z.output<typeof ConfigSchema>;
