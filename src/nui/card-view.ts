/** One card's DOM, built once and updated in place. Every CAD field reaches it as textContent, never as markup. */
import type { Card, PageConfig } from '../shared/nui-messages';
import { KINDS } from './kinds';
import { t } from './strings';

const SVG = 'http://www.w3.org/2000/svg';

export interface CardView {
  root: HTMLElement;
  update(card: Card): void;
  /** Seconds since it arrived, metres away (null: unknown). */
  refresh(ageSeconds: number, metres: number | null): void;
  setState(state: { current: boolean; acknowledged: boolean; cleared: boolean }, config: PageConfig): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: Element) {
  const node = document.createElement(tag);
  node.className = className;
  parent.append(node);
  return node;
}

function setText(node: HTMLElement, value: string): void {
  if (node.textContent !== value) node.textContent = value;
  node.hidden = value === '';
}

function icon(path: string, parent: Element): void {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  const shape = document.createElementNS(SVG, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  parent.append(svg);
}

export function age(seconds: number): string {
  if (seconds < 10) return t('ago.now');
  if (seconds < 60) return t('ago.seconds', Math.floor(seconds));
  if (seconds < 3600) return t('ago.minutes', Math.floor(seconds / 60));
  return t('ago.hours', Math.floor(seconds / 3600));
}

export function distance(metres: number): string {
  return metres < 1000
    ? t('distance.metres', Math.round(metres))
    : t('distance.kilometres', (metres / 1000).toFixed(1));
}

export function createCardView(card: Card): CardView {
  const look = KINDS[card.kind];
  const root = document.createElement('article');
  root.className = `card kind-${card.kind}`;
  root.dataset.key = card.key;
  root.style.setProperty('--kind', look.colour);
  const header = el('header', 'head', root);
  icon(look.icon, header);
  setText(el('span', 'badge', header), t(look.label));
  const code = el('span', 'code', header);
  const status = el('span', 'status', header);
  const ago = el('span', 'ago', header);
  const title = el('h2', 'title', root);
  const where = el('p', 'where', root);
  const location = el('span', 'location', where);
  const away = el('span', 'distance', where);
  const caller = el('p', 'caller', root);
  const description = el('p', 'description', root);
  const note = el('p', 'note', root);
  const hint = el('footer', 'hint', root);

  return {
    root,
    update(next) {
      // "PANIC" beside the PANIC badge says nothing more.
      setText(code, next.code === t(look.label) ? '' : next.code);
      setText(title, next.title);
      const postal = next.postal && t('card.postal', next.postal);
      setText(location, [next.location, postal].filter(Boolean).join(', '));
      setText(caller, next.caller && `${t('card.caller')}: ${next.caller}`);
      setText(description, next.description);
      setText(note, next.note && `${t('card.note')}: ${next.note}`);
      root.classList.toggle('urgent', next.urgent);
      where.hidden = location.hidden && away.hidden;
    },
    refresh(ageSeconds, metres) {
      setText(ago, age(ageSeconds));
      setText(away, metres === null ? '' : distance(metres));
      where.hidden = location.hidden && away.hidden;
    },
    setState(state, config) {
      root.classList.toggle('current', state.current);
      root.classList.toggle('acknowledged', state.acknowledged);
      root.classList.toggle('cleared', state.cleared);
      setText(status, state.cleared ? t('card.cleared') : state.acknowledged ? t('card.acknowledged') : '');
      const panic = root.classList.contains('urgent') && !state.acknowledged;
      const second = panic ? t('card.acknowledge') : t('card.dismiss');
      setText(
        hint,
        state.current && !state.cleared
          ? `[${config.keys.respond}] ${t('card.respond')}   [${config.keys.acknowledge}] ${second}`
          : '',
      );
    },
  };
}
