/** Turns the management API on when SONORANCAD_ADMIN_TOKEN is set, and never with the API key as its token. */
import { API_KEY_SETTING, loadConfig } from '../core/config/load';
import { createKeyVerifier } from '../core/ingress/api-key';
import type { Logger } from '../core/log';
import type { Runtime } from '../core/runtime';
import type { ResourceHandle } from '../core/start';
import { createTargetsApi, type TargetsApi } from './targets-api';

export const ADMIN_TOKEN_SETTING = 'SONORANCAD_ADMIN_TOKEN';

export function targetsApiFromSettings(
  runtime: Runtime,
  handle: ResourceHandle,
  log: Logger,
): TargetsApi | null {
  const token = runtime.setting(ADMIN_TOKEN_SETTING)?.trim() ?? '';
  if (!token) return null;
  const loaded = loadConfig(runtime);
  const apiKey = loaded.ok ? loaded.loaded.apiKey : (runtime.setting(API_KEY_SETTING)?.trim() ?? '');
  if (apiKey && createKeyVerifier(apiKey)(token)) {
    log.error(
      `${ADMIN_TOKEN_SETTING} is the API key, which must never open the management API: it stays off.`,
    );
    return null;
  }
  log.info(`Management API on at /${runtime.resourceName}/targets (${ADMIN_TOKEN_SETTING} is set).`);
  return createTargetsApi({ token, admin: handle.targets });
}
