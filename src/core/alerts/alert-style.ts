/** How an alert looks and sounds on the client, and where its text shows, from the config. */
import type { AlertStyle, UiStyle } from '../../shared/alert-payloads';
import type { AlertsConfig, StyleConfig } from './config';

/** For notices without a blip; `chat` is the kind's own setting where it has one. */
export function noticeStyleFor(
  alerts: AlertsConfig,
  chat = alerts.chat,
): Pick<AlertStyle, 'chat' | 'notify'> {
  return { chat, notify: alerts.notify };
}

/** What the client's cards need of the config: with every alert, and when the settings open. */
export function uiStyleFor(alerts: AlertsConfig): UiStyle {
  return {
    maxCards: alerts.ui.maxCards,
    panicMutable: alerts.ui.panicMutable,
    repeatSeconds: alerts.panic.repeatSeconds,
  };
}

export function styleFor(
  kind: StyleConfig,
  alerts: AlertsConfig,
  expireSeconds: number,
  silent = false,
): AlertStyle {
  const { sprite, colour, scale, flash, route, shortRange } = kind.blip;
  return {
    sound: kind.sound.enabled && !silent ? { name: kind.sound.name, set: kind.sound.set } : null,
    blip: { sprite, colour, scale, flash, route, shortRange },
    expireSeconds,
    ui: uiStyleFor(alerts),
    ...noticeStyleFor(alerts, kind.chat ?? alerts.chat),
  };
}
