/** Emergency (911) call events. */
import type { Json } from '../../json';
import { once } from '../../once';
import { int, optBool, optInt, optIntList, optObject, optText, optTextList } from '../lenient';
import { looseRecord, record, reshape } from '../record';
import { listOrOne, missing } from './legacy-fields';

const emergencyCall = once(() =>
  looseRecord({
    callId: int,
    isEmergency: optBool,
    caller: optText,
    location: optText,
    description: optText,
    metaData: optObject,
  }),
);

/** The docs put metaData beside `call`, the official resource reads it inside; inside wins per key. */
function metaData(beside: Json | undefined, inside: Json | undefined): Json {
  if (!beside) return inside ?? {};
  return inside ? { ...beside, ...inside } : beside;
}

interface IdentitySources {
  identities?: string[];
  communityUserIds?: string[];
  apiIds?: string[];
  communityUserId?: string;
}

/** Every identity the CAD named for the caller, in the official resource's order of preference. */
function identities(data: IdentitySources): string[] {
  const out: string[] = [];
  // A handful of ids at most: a linear check beats building a Set (and Array.prototype.flat is slow).
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const list of [data.identities, data.communityUserIds, data.apiIds]) list?.forEach(add);
  if (data.communityUserId) add(data.communityUserId);
  return out;
}

export const emergency911 = once(() =>
  reshape(
    record({
      call: emergencyCall(),
      metaData: optObject,
      identities: optTextList,
      communityUserIds: optTextList,
      apiIds: optTextList,
      communityUserId: optText,
    }),
    (data) => ({
      type: 'EVENT_911' as const,
      call: Object.assign(data.call, { metaData: metaData(data.metaData, data.call.metaData) }),
      identities: identities(data),
    }),
  ),
);

export const remove911 = once(() =>
  reshape(record({ callIds: optIntList, callId: optInt }), (data, ctx) => {
    if (data.callIds === undefined && data.callId === undefined)
      return missing(ctx, 'callIds', 'an array of numbers');
    return { type: 'EVENT_REMOVE_911' as const, callIds: listOrOne(data.callIds, data.callId) };
  }),
);
