/** Module-prefixed console lines. Secrets registered here are masked in every line, whatever the caller passed. */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  child(module: string): Logger;
}

export interface LogOptions {
  print(line: string): void;
  /** Read at each debug line, so the setting can change after the logger exists. */
  debug?: () => boolean;
  /** Returns the values to mask (the API key, signing secrets); read at each line so reloads apply. */
  secrets?: () => readonly string[];
}

const MASK = '[redacted]';
const MIN_SECRET_LENGTH = 4;

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    // Case-insensitive: the API key is accepted in any case, so it may be echoed in any case too.
    const lower = secret.toLowerCase();
    let at = out.toLowerCase().indexOf(lower);
    while (at !== -1) {
      out = out.slice(0, at) + MASK + out.slice(at + secret.length);
      at = out.toLowerCase().indexOf(lower, at + MASK.length);
    }
  }
  return out;
}

export function createLogger(options: LogOptions, module = 'sonorancad'): Logger {
  const line = (level: string, message: string) => {
    const text = `[${module}] ${level === 'info' ? '' : `${level}: `}${message}`;
    options.print(redact(text, options.secrets?.() ?? []));
  };
  return {
    info: (m) => line('info', m),
    warn: (m) => line('warn', m),
    error: (m) => line('error', m),
    debug: (m) => {
      if (options.debug?.()) line('debug', m);
    },
    child: (name) => createLogger(options, `${module}:${name}`),
  };
}
