/**
 * Turns the management API on when SONORANCAD_ADMIN_TOKEN is set: never with the API key as its token,
 * nor with one short enough to guess (it opens every forward target's URL and headers to changes).
 */
import { API_KEY_SETTING, loadConfig } from '../core/config/load';
import { createKeyVerifier } from '../core/ingress/api-key';
import type { Logger } from '../core/log';
import type { Runtime } from '../core/runtime';
import type { ResourceHandle } from '../core/start';
import { createTargetsApi, type TargetsApi } from './targets-api';

export const ADMIN_TOKEN_SETTING = 'SONORANCAD_ADMIN_TOKEN';
const MIN_TOKEN_LENGTH = 16;

export function targetsApiFromSettings(
  runtime: Runtime,
  handle: ResourceHandle,
  log: Logger,
): TargetsApi | null {
  const token = runtime.setting(ADMIN_TOKEN_SETTING)?.trim() ?? '';
  if (!token) return null;
  if (token.length < MIN_TOKEN_LENGTH) {
    log.error(
      `${ADMIN_TOKEN_SETTING} is shorter than ${MIN_TOKEN_LENGTH} characters, so the management API stays off. ` +
        "Use a long random token: node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"",
    );
    return null;
  }
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
