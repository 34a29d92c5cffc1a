/**
 * Cards for what is heard: a tone while it plays, a page, a station alert, and a card saying why a sound
 * did not play. Their own column, apart from the alert stack; CAD text only as textContent, colours
 * only the ones the catalogue's pattern lets through.
 */
import { wake } from '../clock';

export interface SoundCard {
  /** `tone`, `page`, `station` or `failed`: the card's class. */
  kind: string;
  badge: string;
  title: string;
  lines: string[];
  /** Accent colours (the first is the edge); none: the kind's own. */
  colours?: string[];
  /** How long it stays; null: until removed. */
  ms: number | null;
}

interface Live {
  node: HTMLElement;
  until: number | null;
}

const MAX_CARDS = 4;
const live: Live[] = [];
let column: HTMLElement | null = null;

function root(): HTMLElement {
  if (column) return column;
  column = document.createElement('section');
  column.id = 'sounds';
  document.body.append(column);
  return column;
}

function line(parent: HTMLElement, tag: 'h2' | 'p', className: string, text: string): void {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  parent.append(node);
}

/** Shows it; the returned function takes it away early. */
export function showSoundCard(card: SoundCard, now: number): () => void {
  const node = document.createElement('article');
  node.className = `card sound sound-${card.kind}`;
  const [edge, ...rest] = card.colours ?? [];
  if (edge) node.style.setProperty('--kind', edge);
  if (rest.length > 0)
    node.style.setProperty('--stripe', `linear-gradient(90deg, ${[edge, ...rest].join(', ')})`);
  const head = document.createElement('header');
  head.className = 'head';
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = card.badge;
  head.append(badge);
  node.append(head);
  line(node, 'h2', 'title', card.title);
  for (const text of card.lines) if (text) line(node, 'p', 'description', text);
  root().prepend(node);
  const entry: Live = { node, until: card.ms === null ? null : now + card.ms };
  live.unshift(entry);
  for (const old of live.splice(MAX_CARDS)) old.node.remove();
  wake();
  return () => {
    const at = live.indexOf(entry);
    if (at >= 0) live.splice(at, 1);
    node.remove();
  };
}

/** Whether any of these cards still shows. */
export function tickSoundCards(now: number): boolean {
  for (let index = live.length - 1; index >= 0; index--) {
    const entry = live[index]!;
    if (entry.until === null || entry.until > now) continue;
    entry.node.remove();
    live.splice(index, 1);
  }
  return live.length > 0;
}
