/** Tone board, smart signs, civilian, linking, ERS, station alert, pager and support-log events. */
import * as z from 'zod/mini';
import { once } from '../../once';
import { idOrSyncKey, int, nonEmptyText, object, optIntList, optText, optTextList, text } from '../lenient';
import { reshape } from '../record';
import { listOrOne } from './legacy-fields';

const toneTarget = once(() => z.looseObject({ type: int, value: idOrSyncKey, label: optText }));

export const tone = once(() =>
  reshape(z.object({ url: text, playTonesTo: z.optional(z.array(toneTarget())) }), (data) => ({
    type: 'EVENT_TONE' as const,
    url: data.url,
    playTonesTo: data.playTonesTo ?? [],
  })),
);

const signData = once(() =>
  reshape(z.looseObject({ ids: optIntList, text1: optText, text2: optText, text3: optText }), (sign) =>
    Object.assign(sign, { ids: sign.ids ?? [] }),
  ),
);

export const streetSignUpdated = once(() =>
  reshape(z.object({ signData: signData() }), (data) => ({
    type: 'EVENT_STREETSIGN_UPDATED' as const,
    signData: data.signData,
  })),
);

/** `id` is a numeric record id or a DB-sync key string, kept as sent. */
export const charSelected = once(() =>
  reshape(z.object({ accId: optText, id: idOrSyncKey }), (data) => ({
    type: 'EVENT_CHAR_SELECTED' as const,
    accId: data.accId,
    id: data.id,
  })),
);

export const communityLinkVerified = once(() =>
  reshape(z.object({ communityUserId: nonEmptyText, accountUuid: optText }), (data) => ({
    type: 'EVENT_COMMUNITY_LINK_VERIFIED' as const,
    communityUserId: data.communityUserId,
    accountUuid: data.accountUuid,
  })),
);

/** The docs and the ERS integration disagree on the callout's layout, so it stays opaque. */
export const newCallout = once(() =>
  reshape(z.object({ callout: object }), (data) => ({
    type: 'EVENT_NEW_CALLOUT' as const,
    callout: data.callout,
  })),
);

const stationLocation = once(() =>
  reshape(z.looseObject({ name: text, open: optTextList, close: optTextList }), (location) =>
    Object.assign(location, { open: location.open ?? [], close: location.close ?? [] }),
  ),
);

/** `color` (one string) became `colors` a day after the page was published. */
export const stationAlert = once(() =>
  reshape(
    z.object({
      locations: z.optional(z.array(stationLocation())),
      message: optText,
      colors: optTextList,
      color: optText,
      tone: optText,
    }),
    (data) => ({
      type: 'EVENT_STATION_ALERT' as const,
      locations: data.locations ?? [],
      message: data.message ?? '',
      colors: listOrOne(data.colors, data.color),
      tone: data.tone,
    }),
  ),
);

/** `players` became `identIds` a day after the page was published. */
export const pagerReborn = once(() =>
  reshape(
    z.object({
      addresses: optTextList,
      identIds: optIntList,
      players: optIntList,
      nature: optText,
      body: optText,
    }),
    (data) => ({
      type: 'EVENT_PAGER_REBORN' as const,
      addresses: data.addresses ?? [],
      identIds: data.identIds ?? data.players ?? [],
      nature: data.nature,
      body: data.body ?? '',
    }),
  ),
);

/** Read from the body itself: GET_LOGS has no `data`, only a top-level `logKey`. */
export const getLogs = once(() =>
  reshape(z.object({ logKey: int }), (data) => ({
    type: 'GET_LOGS' as const,
    logKey: data.logKey,
  })),
);
