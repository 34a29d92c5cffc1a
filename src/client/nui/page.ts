/**
 * Wires the page in: its `ready` answer (settings, config, strings), its other callbacks, the card keys,
 * and the settings panel, the one thing that takes focus.
 */
import type { OpenSettings } from '../../shared/alert-payloads';
import { nuiStrings } from '../../shared/nui-strings';
import { dictionary, t } from '../locale';
import type { Notice } from '../notify/notice';
import { say } from '../notify/present';
import { routeToKey } from '../route-command';
import { onPageCallback, pageState, post, startBridge } from './bridge';
import { acknowledgeCurrent, currentCard, moveCurrent, resendCards } from './cards';
import { registerKeys } from './keys';
import { markSent, pageConfig, rememberUi } from './page-config';
import { playerSettings, saveSettings } from './settings';

export function startPage(): void {
  startBridge(
    () => ({ settings: playerSettings(), config: markSent(pageConfig()), strings: nuiStrings(dictionary) }),
    resendCards,
  );
  onPageCallback('saveSettings', ({ settings }) => {
    saveSettings(settings);
    return { ok: true };
  });
  onPageCallback('closeSettings', () => {
    SetNuiFocus(false, false);
    return { ok: true };
  });
  registerKeys((action) => {
    if (action === 'respond') routeToKey(currentCard());
    else if (action === 'previous') moveCurrent(-1);
    else if (action === 'next') moveCurrent(1);
    else acknowledgeCurrent();
  });
}

export function openSettings({ ui }: OpenSettings): void {
  if (pageState() !== 'ready') {
    const notice: Notice = {
      kind: 'route',
      code: '',
      title: t('alerts.title'),
      lines: [t('settings.unavailable')],
      position: null,
      callId: null,
      style: 'info',
    };
    say(notice);
    return;
  }
  rememberUi(ui, (config) => post({ type: 'config', config }));
  SetNuiFocus(true, true);
  post({ type: 'openSettings' });
}
