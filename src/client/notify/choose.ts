/**
 * Which provider shows a notice: the server's choice when its resource is running, else the GTA feed,
 * said once per session in the console instead of failing per alert.
 */
import type { NotifyProvider } from '../../shared/alert-payloads';
import { pageUsable } from '../nui/bridge';
import type { Notice } from './notice';
import { OX_LIB } from './ox-lib';
import { PS_DISPATCH } from './ps-dispatch';

export type Provider = Exclude<NotifyProvider, 'auto'>;

const CHAT = 'chat';
/** The resource each provider needs. */
const RESOURCE: Record<Provider, string | null> = {
  feed: null,
  event: null,
  nui: null,
  chat: CHAT,
  ox_lib: OX_LIB,
  'ps-dispatch': PS_DISPATCH,
};
/** What a dispatch UI lists: alerts many players get at a place. */
const DISPATCH_UI_KINDS: ReadonlySet<Notice['kind']> = new Set(['panic', 'emergencyCall']);

const warned = new Set<Provider>();

function started(resource: string): boolean {
  return GetResourceState(resource) === 'started';
}

export function fallBackOnce(provider: Provider, reason: string): void {
  if (warned.has(provider)) return;
  warned.add(provider);
  console.warn(
    `[sonorancad] alerts.notify "${provider}": ${reason}; showing alerts in the GTA feed instead.`,
  );
}

export function providerFor(choice: NotifyProvider, notice: Notice): Provider {
  if (choice === 'auto' || choice === 'nui') return pageUsable() ? 'nui' : 'feed';
  // Personal notices, and alerts without a place: ps-dispatch 2.x needs ox_lib, which shows them.
  if (choice === 'ps-dispatch' && (!DISPATCH_UI_KINDS.has(notice.kind) || !notice.position)) {
    return started(OX_LIB) ? 'ox_lib' : 'feed';
  }
  const resource = RESOURCE[choice];
  if (resource === null || started(resource)) return choice;
  fallBackOnce(choice, `the ${resource} resource is not started`);
  return 'feed';
}
