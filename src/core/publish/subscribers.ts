/**
 * Handlers other resources register for push types: through the `subscribe` export, or the official
 * extension point `SonoranCAD::RegisterPushEvent(TYPE, fn)`. Differences from the official resource:
 * handlers get the body WITHOUT `key` (the official passes the API key to every handler), types match
 * case-insensitively (the official never matches a lower-case registration), an alias matches its
 * canonical type too, and `*` receives every push.
 */
import type { Logger } from '../log';
import { clip, errorMessage } from '../text';

export type PushHandler = (body: Record<string, unknown>) => void;

const ALL_TYPES = '*';

export interface Subscribers {
  /** Returns the function that removes this registration. */
  subscribe(type: string, handler: PushHandler): () => void;
  /** Runs the handlers for the type as sent, its canonical name (when different) and `*`. */
  run(type: string, canonical: string | null, body: Readonly<Record<string, unknown>>): void;
}

interface Registration {
  handler: PushHandler;
}

const MAX_TYPE_IN_LOG = 64;
const MAX_ERROR_IN_LOG = 200;

function withoutKey(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in body) {
    if (name !== 'key' && Object.hasOwn(body, name)) out[name] = body[name];
  }
  return out;
}

export function createSubscribers(log: Logger): Subscribers {
  const byType = new Map<string, Set<Registration>>();

  function call(registrations: Set<Registration> | undefined, type: string, body: Record<string, unknown>) {
    if (!registrations) return;
    for (const registration of registrations) {
      try {
        registration.handler(body);
      } catch (error) {
        const message = errorMessage(error);
        log.warn(`A handler for ${clip(type, MAX_TYPE_IN_LOG)} threw: ${clip(message, MAX_ERROR_IN_LOG)}`);
      }
    }
  }

  return {
    subscribe(type, handler) {
      const name = type.trim().toUpperCase();
      const registration = { handler };
      let registrations = byType.get(name);
      if (!registrations) {
        registrations = new Set();
        byType.set(name, registrations);
      }
      registrations.add(registration);
      return () => {
        registrations.delete(registration);
        if (registrations.size === 0 && byType.get(name) === registrations) byType.delete(name);
      };
    },
    run(type, canonical, body) {
      if (byType.size === 0) return;
      const exact = byType.get(type);
      const alias = canonical && canonical !== type ? byType.get(canonical) : undefined;
      const all = byType.get(ALL_TYPES);
      if (!exact && !alias && !all) return;
      const shared = withoutKey(body);
      call(exact, type, shared);
      call(alias, type, shared);
      call(all, type, shared);
    },
  };
}
