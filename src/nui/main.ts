/**
 * The NUI page: listens first, announces itself with `ready`, then renders what the client posts.
 * Messages that arrive before the answer wait for it; any message the catalogue does not know is ignored.
 */
import { type NuiMessage, NuiMessageSchema, type PageConfig, type ReadyAnswer } from '../shared/nui-messages';
import type { PlayerSettings } from '../shared/nui-settings';
import { playTone, showPage, showStation, useAudioSettings } from './audio/cad-audio';
import { tickSoundCards } from './audio/sound-cards';
import { call } from './callbacks';
import { useTick } from './clock';
import { mountPanel, openPanel } from './settings-panel';
import {
  acknowledge,
  mountStack,
  removeCard,
  setCurrent,
  setDistances,
  tickCards,
  upsertCard,
  useConfig,
  useSettings,
} from './stack';
import { useStrings } from './strings';
import { mountToasts, showToast, tickToasts } from './toasts';

let settings: PlayerSettings;
let config: PageConfig;
let held: NuiMessage[] | null = [];

function byId(id: string): HTMLElement {
  return document.getElementById(id)!;
}

function applySettings(next: PlayerSettings): void {
  settings = next;
  useSettings(next);
  document.body.className = `corner-${next.corner}`;
  document.documentElement.style.setProperty('--scale', String(next.scale));
}

type Handlers = {
  [T in NuiMessage['type']]: (message: Extract<NuiMessage, { type: T }>, now: number) => void;
};

/** One handler per message of the catalogue: a new message type is a type error until it has one. */
const handlers: Handlers = {
  card: (message, now) => upsertCard(message.card, now),
  remove: (message, now) => removeCard(message.key, message.cleared, now),
  toast: (message, now) => showToast(message.toast, now, settings),
  current: (message) => setCurrent(message.key),
  acknowledge: (message) => acknowledge(message.key),
  distances: (message) => setDistances(message.metres),
  config: (message) => {
    config = message.config;
    useConfig(message.config);
  },
  openSettings: () => openPanel(),
  tone: (message) => playTone(message.tone, message.sfx),
  pager: (message, now) => showPage(message.page, message.sfx, now),
  station: (message, now) => showStation(message.station, message.sfx, now),
};

function handle(message: NuiMessage): void {
  (handlers[message.type] as (message: NuiMessage, now: number) => void)(message, Date.now());
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = NuiMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  if (held) held.push(parsed.data);
  else handle(parsed.data);
});

function start(answer: ReadyAnswer): void {
  useStrings(answer.strings);
  config = answer.config;
  mountStack(byId('stack'), config, answer.settings);
  mountToasts(byId('toasts'));
  applySettings(answer.settings);
  useAudioSettings(() => settings);
  mountPanel(byId('settings'), {
    settings: () => settings,
    config: () => config,
    change(next) {
      applySettings(next);
      call('saveSettings', { settings: next }).catch((error) => console.warn(String(error)));
    },
    close() {
      call('closeSettings', {}).catch((error) => console.warn(String(error)));
    },
  });
  useTick((now) => {
    const cards = tickCards(now);
    const sounds = tickSoundCards(now);
    return tickToasts(now) || cards || sounds;
  });
  const waiting = held ?? [];
  held = null;
  for (const message of waiting) handle(message);
  document.body.dataset.ready = 'true';
}

call('ready', {})
  .then(start)
  .catch((error) => console.error(`ready: ${String(error)}`));
