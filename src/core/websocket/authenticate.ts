/**
 * `authenticatev2` on a connected hub, and what its answer means for the session. A hub that keeps
 * pinging but never answers is treated as a refusal, so the session does not wait forever.
 */
import type { Timers } from '../runtime';
import { errorMessage } from '../text';
import type { HubConnection } from './hub-connection';

export interface HubIdentity {
  communityId: string;
  apiKey: string;
  /** A number when configured as digits, as the hub expects; otherwise the trimmed text. */
  serverId: number | string;
}

/** Accepted; refused with the hub's reason; or the connection closed first (its close says why). */
export type AuthOutcome = { accepted: true } | { accepted: false; reason: string } | null;

interface AuthReply {
  success?: unknown;
  error?: unknown;
}

export const AUTH_ANSWER_MS = 30_000;

/** The connection token in `?id=` is a secret of the hub's: errors quote the URL, our lines do not. */
export const errorText = (error: unknown) =>
  errorMessage(error)
    .replace(/([?&]id=)[^&\s'"]+/g, '$1…')
    .replace(/\.$/, '');

export async function authenticate(
  hub: HubConnection,
  identity: HubIdentity,
  timers: Timers,
): Promise<AuthOutcome> {
  let unanswered: unknown = null;
  let reply: AuthReply | null;
  try {
    reply = await Promise.race([
      hub.invoke<AuthReply | null>(
        'authenticatev2',
        identity.communityId,
        identity.apiKey,
        identity.serverId,
      ),
      new Promise<AuthReply>((resolve) => {
        unanswered = timers.setTimeout(
          () => resolve({ success: false, error: `no answer within ${AUTH_ANSWER_MS / 1000} s` }),
          AUTH_ANSWER_MS,
        );
      }),
    ]);
  } catch (error) {
    if (hub.state !== 'Connected') return null;
    reply = { success: false, error: errorText(error) };
  } finally {
    timers.clearTimeout(unanswered);
  }
  if (hub.state !== 'Connected') return null;
  if (reply?.success === true) return { accepted: true };
  return {
    accepted: false,
    reason: typeof reply?.error === 'string' && reply.error ? reply.error : 'no reason given',
  };
}
