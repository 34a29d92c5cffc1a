/**
 * The websocket's settings, with the official resource's names: `communityID`, `serverId` and `mode` in
 * config.json or the convars `sonoran_communityID` / `sonoran_serverId` (relay: SONORAN_COMMUNITY_ID,
 * SONORAN_SERVER_ID), and whether a session should be opened at all.
 */
import * as z from 'zod/mini';
import { described, setting } from '../config/setting';
import type { SessionSettings } from './session';

export const COMMUNITY_ID_SETTING = 'sonoran_communityID';
export const SERVER_ID_SETTING = 'sonoran_serverId';
/** The resource that holds the session itself in companion mode. */
export const OFFICIAL_RESOURCE = 'sonorancad';

/** The hubs the official resource connects to, by `mode`. */
export const HUB_URLS = {
  production: 'https://api.sonorancad.com/apiWsHub',
  development: 'https://staging-api.dev.sonorancad.com/apiWsHub',
} as const;

export const ModeSchema = setting(
  z.enum(['production', 'development']),
  'production',
  'Official resource key: which Sonoran hub the websocket connects to.',
);

export const WebsocketSchema = z.strictObject({
  enabled: setting(
    z.union([z.literal('auto'), z.boolean()]),
    'auto',
    '"auto": open a session when community ID, server id and API key are known (not in companion ' +
      'mode); true: always try; false: HTTP only.',
  ),
  hubUrl: described(
    z.optional(
      z.url({
        protocol: /^https?$/,
        error: 'expected an http:// or https:// URL (the client upgrades it itself)',
      }),
    ),
    'Overrides the hub chosen by mode, e.g. for a proxy.',
  ),
  keepAliveSeconds: setting(
    z.number().check(z.positive(), z.maximum(300)),
    15,
    'Idle seconds before the client pings the hub.',
  ),
  timeoutSeconds: setting(
    z.number().check(z.positive(), z.maximum(600)),
    30,
    'Seconds of silence from the hub before the session is given up and reopened.',
  ),
});

export interface WebsocketConfig {
  maxBodyBytes: number;
  communityID?: string | undefined;
  serverId?: number | string | undefined;
  mode: z.output<typeof ModeSchema>;
  websocket: z.output<typeof WebsocketSchema>;
}

export type WebsocketPlan =
  | { open: true; settings: SessionSettings }
  /** `problem`: the operator asked for a session that cannot be opened. */
  | { open: false; reason: string; problem: boolean };

/**
 * The longest hub frame accepted: a push of maxBodyBytes, with room for the invocation around it and for
 * the escapes of a push sent as a JSON string (a quote or backslash takes two bytes; the sample pushes
 * carry 15–22 % of them). A longer frame is refused unread, which ends the session.
 */
export const frameLimit = (maxBodyBytes: number) => Math.ceil(maxBodyBytes * 1.25) + 4 * 1024;

/** The official resource treats these convar values as unset (the second is its protected-key placeholder). */
const UNSET = new Set(['', 'NONE', 'protection_initialized']);

function official(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  return UNSET.has(text) ? undefined : text;
}

/** The hub wants a number for an all-digit server id, as the official resource sends it. */
export function serverIdValue(text: string): number | string {
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

export interface PlanInput {
  config: WebsocketConfig;
  apiKey: string;
  setting(name: string): string | undefined;
  /** FiveM only: another resource named sonorancad is started and holds the session. */
  companion: boolean;
}

export function planWebsocket({ config, apiKey, setting, companion }: PlanInput): WebsocketPlan {
  const { enabled } = config.websocket;
  if (enabled === false) return { open: false, reason: 'websocket.enabled is false', problem: false };
  if (enabled === 'auto' && companion) {
    return {
      open: false,
      reason: `companion mode: the ${OFFICIAL_RESOURCE} resource holds the session and forwards pushes here`,
      problem: false,
    };
  }
  const communityId = official(setting(COMMUNITY_ID_SETTING)) ?? official(config.communityID);
  const serverId = official(setting(SERVER_ID_SETTING)) ?? official(config.serverId);
  if (!communityId || !serverId || !apiKey) {
    const missing = [
      communityId
        ? null
        : `community ID (${COMMUNITY_ID_SETTING}, SONORAN_COMMUNITY_ID for the relay, or communityID)`,
      serverId ? null : `server id (${SERVER_ID_SETTING}, SONORAN_SERVER_ID for the relay, or serverId)`,
      apiKey ? null : 'API key',
    ].filter((item): item is string => item !== null);
    return { open: false, reason: `not set: ${missing.join(', ')}`, problem: enabled === true };
  }
  return {
    open: true,
    settings: {
      hubUrl: config.websocket.hubUrl ?? HUB_URLS[config.mode],
      communityId,
      apiKey,
      serverId: serverIdValue(serverId),
      keepAliveMs: config.websocket.keepAliveSeconds * 1000,
      timeoutMs: config.websocket.timeoutSeconds * 1000,
      maxFrameBytes: frameLimit(config.maxBodyBytes),
    },
  };
}

/** Reload keeps the session unless what identifies it, or where it goes, changed. */
export function sameSession(a: SessionSettings, b: SessionSettings): boolean {
  return (
    a.hubUrl === b.hubUrl &&
    a.communityId === b.communityId &&
    a.apiKey === b.apiKey &&
    a.serverId === b.serverId &&
    a.keepAliveMs === b.keepAliveMs &&
    a.timeoutMs === b.timeoutMs &&
    a.maxFrameBytes === b.maxFrameBytes
  );
}
