import { describe, expect, it } from 'vitest';
import {
  HUB_URLS,
  planWebsocket,
  sameSession,
  serverIdValue,
  WebsocketSchema,
} from '../../src/core/websocket/config';

const KEY = 'ABCDEF0123456789';
const base = { mode: 'production' as const, maxBodyBytes: 65_536, websocket: WebsocketSchema.parse({}) };

function plan(
  overrides: {
    config?: object;
    settings?: Record<string, string>;
    apiKey?: string;
    companion?: boolean;
  } = {},
) {
  return planWebsocket({
    config: { ...base, communityID: 'c1', serverId: 1, ...overrides.config },
    apiKey: overrides.apiKey ?? KEY,
    setting: (name) => overrides.settings?.[name],
    companion: overrides.companion ?? false,
  });
}

describe('websocket settings', () => {
  it('opens a session to the production hub when community id, server id and key are known', () => {
    const result = plan();
    expect(result).toMatchObject({
      open: true,
      settings: {
        hubUrl: HUB_URLS.production,
        communityId: 'c1',
        serverId: 1,
        apiKey: KEY,
        timeoutMs: 30_000,
      },
    });
  });

  it('lets the convars win, and treats NONE or empty as unset', () => {
    expect(plan({ settings: { sonoran_communityID: 'c2', sonoran_serverId: ' 7 ' } })).toMatchObject({
      settings: { communityId: 'c2', serverId: 7 },
    });
    expect(plan({ settings: { sonoran_communityID: 'NONE', sonoran_serverId: '' } })).toMatchObject({
      settings: { communityId: 'c1', serverId: 1 },
    });
    expect(plan({ config: { communityID: 'NONE' } })).toMatchObject({ open: false, problem: false });
  });

  it('sends an all-digit server id as a number, anything else as trimmed text', () => {
    expect(serverIdValue('12')).toBe(12);
    expect(serverIdValue('0')).toBe(0);
    expect(serverIdValue('main')).toBe('main');
    expect(plan({ config: { serverId: ' main ' } })).toMatchObject({ settings: { serverId: 'main' } });
  });

  it('says what is missing, and calls it a problem only when the websocket was asked for', () => {
    const auto = plan({ config: { communityID: undefined, serverId: undefined }, apiKey: '' });
    expect(auto).toEqual({
      open: false,
      reason:
        'not set: community ID (sonoran_communityID, SONORAN_COMMUNITY_ID for the relay, or communityID), server id (sonoran_serverId, SONORAN_SERVER_ID for the relay, or serverId), API key',
      problem: false,
    });
    const forced = plan({ config: { serverId: undefined, websocket: { ...base.websocket, enabled: true } } });
    expect(forced).toMatchObject({ open: false, problem: true });
  });

  it('opens nothing in companion mode unless enabled is true, nor when enabled is false', () => {
    expect(plan({ companion: true })).toMatchObject({
      open: false,
      reason: expect.stringContaining('companion'),
    });
    expect(
      plan({ companion: true, config: { websocket: { ...base.websocket, enabled: true } } }),
    ).toMatchObject({
      open: true,
    });
    expect(plan({ config: { websocket: { ...base.websocket, enabled: false } } })).toMatchObject({
      open: false,
    });
  });

  it('picks the hub by mode, and hubUrl overrides it', () => {
    expect(plan({ config: { mode: 'development' } })).toMatchObject({
      settings: { hubUrl: HUB_URLS.development },
    });
    const hubUrl = 'http://127.0.0.1:5000/apiWsHub';
    expect(plan({ config: { websocket: { ...base.websocket, hubUrl } } })).toMatchObject({
      settings: { hubUrl },
    });
    expect(WebsocketSchema.safeParse({ hubUrl: 'wss://api.sonorancad.com/apiWsHub' }).success).toBe(false);
  });

  it('keeps a session on reload unless what identifies it changed', () => {
    const a = plan();
    const b = plan({ config: { logEvents: true } });
    const c = plan({ settings: { sonoran_serverId: '2' } });
    if (!a.open || !b.open || !c.open) throw new Error('expected sessions');
    expect(sameSession(a.settings, b.settings)).toBe(true);
    expect(sameSession(a.settings, c.settings)).toBe(false);
    // The socket's frame limit follows maxBodyBytes: a new one needs a new socket.
    const d = plan({ config: { maxBodyBytes: 1_048_576 } });
    if (!d.open) throw new Error('expected a session');
    expect(sameSession(a.settings, d.settings)).toBe(false);
  });

  it("bounds hub frames by maxBodyBytes, with room for the envelope and a JSON string's escapes", () => {
    const result = plan();
    if (!result.open) throw new Error('expected a session');
    expect(result.settings.maxFrameBytes).toBe(65_536 * 1.25 + 4_096);
  });
});
