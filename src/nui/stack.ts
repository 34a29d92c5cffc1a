/**
 * The cards on screen: one per key, newest on top, at most `maxCards` with "+N more" for the rest, the
 * window following the current card. A cleared card stays a moment marked as such; an urgent one
 * repeats its sound until acknowledged.
 */
import type { Card, PageConfig } from '../shared/nui-messages';
import type { PlayerSettings } from '../shared/nui-settings';
import { type CardView, createCardView } from './card-view';
import { wake } from './clock';
import { KINDS } from './kinds';
import { playTone } from './sound';
import { t } from './strings';

const CLEARED_MS = 4000;

interface Entry {
  card: Card;
  view: CardView;
  since: number;
  acknowledged: boolean;
  clearedAt: number | null;
  nextSound: number | null;
  metres: number | null;
}

const entries = new Map<string, Entry>();
let current: string | null = null;
let shown: HTMLElement[] = [];
let stack: HTMLElement;
let more: HTMLElement;
let config: PageConfig;
let settings: PlayerSettings;

export function mountStack(root: HTMLElement, pageConfig: PageConfig, playerSettings: PlayerSettings): void {
  stack = root;
  more = document.createElement('div');
  more.className = 'more';
  config = pageConfig;
  settings = playerSettings;
}

export function useConfig(next: PageConfig): void {
  config = next;
  render();
}

export function useSettings(next: PlayerSettings): void {
  settings = next;
}

function silenced(card: Card): boolean {
  return settings.mute[card.kind] && (card.kind !== 'panic' || config.panicMutable);
}

function sound(entry: Entry, now: number): void {
  if (!silenced(entry.card)) playTone(KINDS[entry.card.kind].tone, settings.volume);
  const repeat = entry.card.repeatSeconds;
  entry.nextSound = repeat > 0 && !entry.acknowledged ? now + repeat * 1000 : null;
}

export function upsertCard(card: Card, now: number): void {
  let entry = entries.get(card.key);
  if (!entry) {
    entry = {
      card,
      view: createCardView(card),
      since: now,
      acknowledged: false,
      clearedAt: null,
      nextSound: null,
      metres: null,
    };
    entries.set(card.key, entry);
  }
  entry.card = card;
  entry.clearedAt = null;
  entry.view.update(card);
  entry.view.refresh((now - entry.since) / 1000, entry.metres);
  if (card.sound) sound(entry, now);
  render();
  wake();
}

export function removeCard(key: string, cleared: boolean, now: number): void {
  const entry = entries.get(key);
  if (!entry) return;
  if (!cleared) {
    entries.delete(key);
  } else {
    entry.clearedAt = now;
    entry.nextSound = null;
  }
  render();
}

export function setCurrent(key: string | null): void {
  current = key;
  render();
}

export function acknowledge(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entry.acknowledged = true;
  entry.nextSound = null;
  render();
}

export function setDistances(metres: Record<string, number>): void {
  for (const [key, entry] of entries) {
    const value = metres[key];
    entry.metres = value ?? null;
    entry.view.refresh((Date.now() - entry.since) / 1000, entry.metres);
  }
}

/** Ages, cleared cards that are due to go, repeated sounds; whether any card still shows. */
export function tickCards(now: number): boolean {
  let changed = false;
  for (const [key, entry] of entries) {
    if (entry.clearedAt !== null && now - entry.clearedAt >= CLEARED_MS) {
      entries.delete(key);
      changed = true;
      continue;
    }
    if (entry.nextSound !== null && now >= entry.nextSound) sound(entry, now);
    entry.view.refresh((now - entry.since) / 1000, entry.metres);
  }
  if (changed) render();
  return entries.size > 0;
}

function render(): void {
  const order = [...entries.values()].sort((a, b) => b.card.arrival - a.card.arrival);
  const at = Math.max(
    0,
    order.findIndex((entry) => entry.card.key === current),
  );
  const start = at >= config.maxCards ? at - config.maxCards + 1 : 0;
  const visible = order.slice(start, start + config.maxCards);
  for (const entry of visible) {
    entry.view.setState(
      {
        current: entry.card.key === current,
        acknowledged: entry.acknowledged,
        cleared: entry.clearedAt !== null,
      },
      config,
    );
  }
  const hidden = order.length - visible.length;
  more.textContent = t('card.more', hidden);
  const next = visible.map((entry) => entry.view.root);
  if (hidden > 0) next.push(more);
  // Moving a node restarts its animation: only touch the DOM when the order changed.
  if (next.length !== shown.length || next.some((node, index) => node !== shown[index])) {
    stack.replaceChildren(...next);
    shown = next;
  }
}
