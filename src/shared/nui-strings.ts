/**
 * Every text the page shows that is not CAD data, in English. The page has no copy of its own: it gets
 * this dictionary from the client in the answer to its `ready` callback. `{n}` is replaced by a number.
 */
export const NUI_STRINGS = {
  'kind.panic': 'PANIC',
  'kind.emergencyCall': 'CALL',
  'kind.dispatch': 'DISPATCH',
  'card.more': '+{n} more',
  'card.respond': 'Respond',
  'card.acknowledge': 'Acknowledge',
  'card.dismiss': 'Dismiss',
  'card.cleared': 'Cleared',
  'card.acknowledged': 'Acknowledged',
  'card.caller': 'Caller',
  'card.postal': 'postal {n}',
  'card.note': 'Note',
  'ago.now': 'just now',
  'ago.seconds': '{n} s ago',
  'ago.minutes': '{n} min ago',
  'ago.hours': '{n} h ago',
  'distance.metres': '{n} m',
  'distance.kilometres': '{n} km',
  'settings.title': 'CAD alerts',
  'settings.corner': 'Corner',
  'settings.corner.top-right': 'Top right',
  'settings.corner.top-left': 'Top left',
  'settings.corner.bottom-right': 'Bottom right',
  'settings.corner.bottom-left': 'Bottom left',
  'settings.scale': 'Size',
  'settings.volume': 'Volume',
  'settings.mute': 'Mute',
  'settings.mute.panic': 'Panic',
  'settings.mute.emergencyCall': '911 calls',
  'settings.mute.dispatch': 'Dispatch calls',
  'settings.mute.notice': 'Notices',
  'settings.doNotDisturb': 'Do not disturb',
  'settings.doNotDisturb.panic': 'Panics still show.',
  'settings.close': 'Close (Esc)',
} as const;

export type NuiStringKey = keyof typeof NUI_STRINGS;
export type NuiStrings = Record<NuiStringKey, string>;
