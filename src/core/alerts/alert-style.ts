/** How an alert looks and sounds on the client, from its kind's config. */
import type { AlertStyle } from '../../shared/alert-payloads';
import type { AlertKindConfig } from './config';

export function styleFor(
  kind: AlertKindConfig,
  chat: boolean,
  expireSeconds: number,
  silent = false,
): AlertStyle {
  const { sprite, colour, scale, flash, route, shortRange } = kind.blip;
  return {
    sound: kind.sound.enabled && !silent ? { name: kind.sound.name, set: kind.sound.set } : null,
    blip: { sprite, colour, scale, flash, route, shortRange },
    expireSeconds,
    chat,
  };
}
