/** Tone board, smart signs, civilian, linking, ERS, station alert, pager and support-log events. */
import { z } from 'zod';
import { idOrSyncKey, int, nonEmptyText, object, optIntList, optText, optTextList, text } from '../lenient';
import { listOrOne } from './legacy-fields';

const toneTarget = z.looseObject({ type: int, value: idOrSyncKey, label: optText });

export const tone = z
  .object({ url: text, playTonesTo: z.array(toneTarget).optional() })
  .transform((data) => ({ type: 'EVENT_TONE' as const, url: data.url, playTonesTo: data.playTonesTo ?? [] }));

const signData = z
  .looseObject({ ids: optIntList, text1: optText, text2: optText, text3: optText })
  .transform((sign) => Object.assign(sign, { ids: sign.ids ?? [] }));

export const streetSignUpdated = z
  .object({ signData })
  .transform((data) => ({ type: 'EVENT_STREETSIGN_UPDATED' as const, signData: data.signData }));

/** `id` is a numeric record id or a DB-sync key string, kept as sent. */
export const charSelected = z
  .object({ accId: optText, id: idOrSyncKey })
  .transform((data) => ({ type: 'EVENT_CHAR_SELECTED' as const, accId: data.accId, id: data.id }));

export const communityLinkVerified = z
  .object({ communityUserId: nonEmptyText, accountUuid: optText })
  .transform((data) => ({
    type: 'EVENT_COMMUNITY_LINK_VERIFIED' as const,
    communityUserId: data.communityUserId,
    accountUuid: data.accountUuid,
  }));

/** The docs and the ERS integration disagree on the callout's layout, so it stays opaque. */
export const newCallout = z
  .object({ callout: object })
  .transform((data) => ({ type: 'EVENT_NEW_CALLOUT' as const, callout: data.callout }));

const stationLocation = z
  .looseObject({ name: text, open: optTextList, close: optTextList })
  .transform((location) =>
    Object.assign(location, { open: location.open ?? [], close: location.close ?? [] }),
  );

/** `color` (one string) became `colors` a day after the page was published. */
export const stationAlert = z
  .object({
    locations: z.array(stationLocation).optional(),
    message: optText,
    colors: optTextList,
    color: optText,
    tone: optText,
  })
  .transform((data) => ({
    type: 'EVENT_STATION_ALERT' as const,
    locations: data.locations ?? [],
    message: data.message ?? '',
    colors: listOrOne(data.colors, data.color),
    tone: data.tone,
  }));

/** `players` became `identIds` a day after the page was published. */
export const pagerReborn = z
  .object({
    addresses: optTextList,
    identIds: optIntList,
    players: optIntList,
    nature: optText,
    body: optText,
  })
  .transform((data) => ({
    type: 'EVENT_PAGER_REBORN' as const,
    addresses: data.addresses ?? [],
    identIds: data.identIds ?? data.players ?? [],
    nature: data.nature,
    body: data.body ?? '',
  }));

/** Read from the body itself: GET_LOGS has no `data`, only a top-level `logKey`. */
export const getLogs = z
  .object({ logKey: int })
  .transform((data) => ({ type: 'GET_LOGS' as const, logKey: data.logKey }));
