/**
 * The cards the page shows, as the keys see them: one per alert key, the newest current unless the
 * player moved, acknowledged panics, and the distance to each, sent once a second while any shows.
 */
import type { Card } from '../../shared/nui-messages';
import { routeTargets } from '../active-alerts';
import { post } from './bridge';
import { uiStyle } from './page-config';

/** What an alert module says about its card; the rest follows from the alert's life. */
export type CardContent = Omit<Card, 'arrival' | 'sound' | 'repeatSeconds' | 'urgent'>;

/** A card's fields, empty: each alert fills in what it has. */
export const EMPTY_CARD = {
  code: '',
  title: '',
  location: '',
  postal: '',
  caller: '',
  description: '',
  note: '',
};

const DISTANCE_MS = 1000;

const cards = new Map<string, Card>();
const acknowledged = new Set<string>();
let arrivals = 0;
let current: string | null = null;
let distances: CitizenTimer | null = null;

function newestFirst(): Card[] {
  return [...cards.values()].sort((a, b) => b.arrival - a.arrival);
}

function setCurrent(key: string | null): void {
  current = key;
  post({ type: 'current', key });
}

function refreshDistances(): void {
  const [x = 0, y = 0, z = 0] = GetEntityCoords(PlayerPedId(), false);
  const metres: Record<string, number> = {};
  for (const target of routeTargets()) {
    if (!cards.has(target.key)) continue;
    const at = target.position;
    metres[target.key] = Math.hypot(at.x - x, at.y - y, at.z - z);
  }
  post({ type: 'distances', metres });
}

function followDistances(): void {
  if (cards.size > 0 && distances === null) {
    distances = setInterval(refreshDistances, DISTANCE_MS);
  } else if (cards.size === 0 && distances !== null) {
    clearInterval(distances);
    distances = null;
  }
}

/** False when the page is unavailable: show it another way. `sound`: the alert makes one. */
export function showCard(content: CardContent, sound: boolean, fallback: () => void): boolean {
  const known = cards.get(content.key);
  const urgent = content.kind === 'panic';
  const card: Card = {
    ...content,
    arrival: known?.arrival ?? ++arrivals,
    sound: sound && !known,
    repeatSeconds: urgent ? uiStyle().repeatSeconds : 0,
    urgent,
  };
  if (!post({ type: 'card', card }, fallback)) return false;
  cards.set(card.key, card);
  if (!known) setCurrent(card.key);
  followDistances();
  return true;
}

/** An update of a card that shows (a note); nothing when it does not. */
export function updateCard(key: string, change: Partial<CardContent>): void {
  const known = cards.get(key);
  if (!known) return;
  const card = { ...known, ...change, sound: false };
  cards.set(key, card);
  post({ type: 'card', card });
}

export function removeCard(key: string, cleared = false): void {
  if (!cards.delete(key)) return;
  acknowledged.delete(key);
  post({ type: 'remove', key, cleared });
  if (current === key) setCurrent(newestFirst()[0]?.key ?? null);
  followDistances();
}

/** To a reloaded page: every card, silently, oldest first, and the current one. */
export function resendCards(): void {
  for (const card of newestFirst().reverse()) {
    post({ type: 'card', card: { ...card, sound: false } });
    if (acknowledged.has(card.key)) post({ type: 'acknowledge', key: card.key });
  }
  post({ type: 'current', key: current });
}

export function currentCard(): string | null {
  return current;
}

/** -1: the newer card (up the stack), 1: the older one; round at either end. */
export function moveCurrent(step: -1 | 1): void {
  const order = newestFirst();
  if (order.length === 0) return;
  const at = order.findIndex((card) => card.key === current);
  const next = order[(at + step + order.length) % order.length];
  if (next) setCurrent(next.key);
}

/** A panic's sound stops; any other card goes from the screen (its blip and route stay). */
export function acknowledgeCurrent(): void {
  const card = current === null ? undefined : cards.get(current);
  if (!card) return;
  if (!card.urgent) {
    removeCard(card.key);
    return;
  }
  acknowledged.add(card.key);
  post({ type: 'acknowledge', key: card.key });
}
