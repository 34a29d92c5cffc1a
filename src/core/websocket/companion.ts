/**
 * Companion mode: in FiveM, beside a started resource named sonorancad (the official one), that resource
 * holds the session and forwards pushes here. It may start or stop after us, so this follows it.
 */
import { InboundEvents } from '../../shared/events';
import type { Runtime } from '../runtime';
import { OFFICIAL_RESOURCE } from './config';

const RUNNING = new Set(['started', 'starting']);

/** Calls `changed` with whether we are a companion now, and again whenever the official resource starts or stops. */
export function followOfficialResource(
  runtime: Pick<Runtime, 'kind' | 'resourceName' | 'resourceState' | 'on'>,
  changed: (companion: boolean) => void,
): void {
  if (runtime.kind !== 'fivem' || runtime.resourceName === OFFICIAL_RESOURCE) {
    changed(false);
    return;
  }
  changed(RUNNING.has(runtime.resourceState(OFFICIAL_RESOURCE)));
  runtime.on(InboundEvents.ResourceStart, (name) => {
    if (name === OFFICIAL_RESOURCE) changed(true);
  });
  runtime.on(InboundEvents.ResourceStop, (name) => {
    if (name === OFFICIAL_RESOURCE) changed(false);
  });
}
