/** Short notices (a note, a detach, a close, a cleared panic): newest on top, each gone after a few seconds. */
import type { Toast } from '../shared/nui-messages';
import type { PlayerSettings } from '../shared/nui-settings';
import { wake } from './clock';
import { NOTICE_TONE } from './kinds';
import { playTone } from './sound';

const TOAST_MS = 6000;
const MAX_TOASTS = 3;

const live: { node: HTMLElement; until: number }[] = [];
let list: HTMLElement;

export function mountToasts(root: HTMLElement): void {
  list = root;
}

export function showToast(toast: Toast, now: number, settings: PlayerSettings): void {
  const node = document.createElement('div');
  node.className = `toast style-${toast.style}`;
  const title = document.createElement('strong');
  title.textContent = toast.title;
  const text = document.createElement('span');
  text.textContent = toast.text;
  text.hidden = toast.text === '';
  node.append(title, text);
  list.prepend(node);
  live.unshift({ node, until: now + TOAST_MS });
  for (const old of live.splice(MAX_TOASTS)) old.node.remove();
  if (!settings.mute.notice) playTone(NOTICE_TONE, settings.volume);
  wake();
}

/** Whether any toast still shows. */
export function tickToasts(now: number): boolean {
  for (let index = live.length - 1; index >= 0; index--) {
    const toast = live[index]!;
    if (toast.until > now) continue;
    toast.node.remove();
    live.splice(index, 1);
  }
  return live.length > 0;
}
