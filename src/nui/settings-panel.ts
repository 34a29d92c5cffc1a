/**
 * The player's settings panel, opened by the client (which takes focus for it) and closed with Escape or
 * its button, which hands focus back. Every change is saved at once.
 */
import type { PageConfig } from '../shared/nui-messages';
import { CORNERS, MUTABLE, type PlayerSettings, SCALE } from '../shared/nui-settings';
import type { NuiStringKey } from '../shared/nui-strings';
import { t } from './strings';

export interface PanelHooks {
  settings(): PlayerSettings;
  config(): PageConfig;
  change(next: PlayerSettings): void;
  close(): void;
}

let panel: HTMLElement;
let hooks: PanelHooks;

export function mountPanel(root: HTMLElement, panelHooks: PanelHooks): void {
  panel = root;
  hooks = panelHooks;
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) closePanel();
  });
}

function labelled(parent: HTMLElement, key: NuiStringKey, control: HTMLElement): void {
  const label = document.createElement('label');
  const caption = document.createElement('span');
  caption.textContent = t(key);
  label.append(caption, control);
  parent.append(label);
}

function range(value: number, min: number, max: number, step: number, set: (value: number) => void) {
  const input = document.createElement('input');
  input.type = 'range';
  Object.assign(input, { min: String(min), max: String(max), step: String(step), value: String(value) });
  input.addEventListener('input', () => set(Number(input.value)));
  return input;
}

function checkbox(checked: boolean, set: (value: boolean) => void) {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  input.addEventListener('change', () => set(input.checked));
  return input;
}

export function openPanel(): void {
  const current = hooks.settings();
  const update = (change: Partial<PlayerSettings>) => hooks.change({ ...hooks.settings(), ...change });
  const form = document.createElement('form');
  form.addEventListener('submit', (event) => event.preventDefault());
  const title = document.createElement('h1');
  title.textContent = t('settings.title');
  form.append(title);

  const corner = document.createElement('select');
  corner.name = 'corner';
  for (const value of CORNERS) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = t(`settings.corner.${value}`);
    option.selected = value === current.corner;
    corner.append(option);
  }
  corner.addEventListener('change', () => update({ corner: corner.value as PlayerSettings['corner'] }));
  labelled(form, 'settings.corner', corner);
  labelled(
    form,
    'settings.scale',
    range(current.scale, SCALE.min, SCALE.max, 0.1, (scale) => update({ scale })),
  );
  labelled(
    form,
    'settings.volume',
    range(current.volume, 0, 1, 0.05, (volume) => update({ volume })),
  );

  const mutes = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = t('settings.mute');
  mutes.append(legend);
  for (const kind of MUTABLE) {
    if (kind === 'panic' && !hooks.config().panicMutable) continue;
    const box = checkbox(current.mute[kind], (on) =>
      update({ mute: { ...hooks.settings().mute, [kind]: on } }),
    );
    box.name = `mute-${kind}`;
    labelled(mutes, `settings.mute.${kind}`, box);
  }
  form.append(mutes);
  const dnd = checkbox(current.doNotDisturb, (doNotDisturb) => update({ doNotDisturb }));
  dnd.name = 'doNotDisturb';
  labelled(form, 'settings.doNotDisturb', dnd);
  if (!hooks.config().panicMutable) {
    const note = document.createElement('p');
    note.className = 'hint';
    note.textContent = t('settings.doNotDisturb.panic');
    form.append(note);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = t('settings.close');
  close.addEventListener('click', closePanel);
  form.append(close);
  panel.replaceChildren(form);
  panel.hidden = false;
  corner.focus();
}

export function closePanel(): void {
  panel.hidden = true;
  panel.replaceChildren();
  hooks.close();
}
