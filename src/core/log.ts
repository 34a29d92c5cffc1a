/**
 * Module-prefixed console lines. Secrets registered here, and the credentials inside any URL, are masked
 * in every line, whatever the caller passed.
 */
import { maskUrlsIn } from './mask-url';
import { escapeRegExp } from './text';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  child(module: string): Logger;
}

export interface LogOptions {
  /** `urgent` is set for warnings and errors. */
  print(line: string, urgent: boolean): void;
  /** Read at each debug line, so the setting can change after the logger exists. */
  debug?: () => boolean;
  /** Returns the values to mask (the API key, signing secrets); read at each line so reloads apply. */
  secrets?: () => readonly string[];
}

const MASK = '[redacted]';
const NONE: readonly string[] = [];
const MIN_SECRET_LENGTH = 4;

/**
 * One case-insensitive pattern for all secrets (the API key is accepted in any case, so it may be echoed
 * in any case too), rebuilt only when the list changes: the relay logs a line per event.
 */
function secretsPattern(): (secrets: readonly string[]) => RegExp | null {
  let cachedFor: readonly string[] | null = null;
  let pattern: RegExp | null = null;
  return (secrets) => {
    if (secrets !== cachedFor) {
      cachedFor = secrets;
      const usable = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
      // Longest first, so a secret that contains another is masked whole.
      usable.sort((a, b) => b.length - a.length);
      pattern = usable.length ? new RegExp(usable.map(escapeRegExp).join('|'), 'gi') : null;
    }
    return pattern;
  };
}

export function createLogger(options: LogOptions, module = 'sonorancad'): Logger {
  return moduleLogger(options, module, secretsPattern());
}

function moduleLogger(
  options: LogOptions,
  module: string,
  pattern: ReturnType<typeof secretsPattern>,
): Logger {
  const line = (level: string, message: string) => {
    const text = maskUrlsIn(`[${module}] ${level === 'info' ? '' : `${level}: `}${message}`);
    const secrets = pattern(options.secrets?.() ?? NONE);
    options.print(secrets ? text.replace(secrets, MASK) : text, level === 'warn' || level === 'error');
  };
  return {
    info: (m) => line('info', m),
    warn: (m) => line('warn', m),
    error: (m) => line('error', m),
    debug: (m) => {
      if (options.debug?.()) line('debug', m);
    },
    child: (name) => moduleLogger(options, `${module}:${name}`, pattern),
  };
}
