/** What the hub answers `authenticatev2` with the community, key and server ids it was set up with. */
import type { HubOptions } from './types';

/** The hub's error text for these arguments, or null when they are right. */
export function authError(want: HubOptions, [communityId, apiKey, serverId]: unknown[]): string | null {
  if (want.communityId !== undefined && communityId !== want.communityId) return 'Invalid community ID.';
  if (want.apiKey !== undefined && String(apiKey).toUpperCase() !== want.apiKey.toUpperCase()) {
    return 'Invalid API key.';
  }
  if (want.serverIds !== undefined && !want.serverIds.includes(serverId)) return 'Invalid server ID.';
  return null;
}
