/**
 * A hub `pushEvent` into the checks an HTTP body meets after the HTTP layer: size, JSON envelope, key,
 * type. There is no one to answer, so a refusal is counted and logged (once a minute per kind), never acted
 * on. The brute-force limiter stays HTTP's: the hub is already authenticated.
 */

import type { KeyVerifier } from '../ingress/api-key';
import type { Logger } from '../log';
import { errorMessage } from '../text';
import { type Envelope, envelopeOf, parseEnvelope, typeProblem } from '../validate/envelope';

const REFUSAL_REPORT_EVERY_MS = 60_000;

export interface PushReceiverDeps {
  maxBodyBytes: number;
  verifyKey: KeyVerifier;
  log: Logger;
  now(): number;
  onAuthFailure(): void;
  /** An authenticated envelope whose type is a string; the raw text is the push as the hub sent it. */
  accept(envelope: Envelope): void;
}

type Refusal = 'malformed' | 'wrong-key' | 'too-large';

const REFUSALS: Record<Refusal, string> = {
  malformed: 'not a push event (expected a JSON object with key, type and data)',
  'wrong-key': 'a key that does not match ours (check the API key: the CAD signs pushes with it)',
  'too-large': 'larger than maxBodyBytes',
};

function refusalReporter(log: Logger, now: () => number) {
  const last = new Map<Refusal, { at: number; since: number }>();
  return (kind: Refusal, detail?: string) => {
    const seen = last.get(kind);
    if (seen && now() - seen.at < REFUSAL_REPORT_EVERY_MS) {
      seen.since += 1;
      return;
    }
    const more = seen?.since ? ` (${seen.since} more since the last line)` : '';
    last.set(kind, { at: now(), since: 0 });
    log.warn(`Ignored a websocket push: ${REFUSALS[kind]}${detail ? `: ${detail}` : ''}${more}.`);
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `pushEvent` argument, with its JSON text as the hub wrote it when the hub client has it. */
export type PushReceiver = (argument: unknown, text?: string) => void;

export function createPushReceiver(deps: PushReceiverDeps): PushReceiver {
  const refuse = refusalReporter(deps.log, deps.now);

  const envelope = (argument: unknown, text: string | undefined): Envelope | null => {
    if (typeof argument === 'string') {
      // Length counts UTF-16 units: at most 3 bytes each, so only long texts need the exact count.
      if (argument.length > deps.maxBodyBytes / 3 && Buffer.byteLength(argument) > deps.maxBodyBytes) {
        refuse('too-large');
        return null;
      }
      const parsed = parseEnvelope(argument);
      if (parsed.ok) return parsed.envelope;
      refuse('malformed', parsed.message);
      return null;
    }
    if (!isRecord(argument)) {
      refuse('malformed');
      return null;
    }
    // The object's bytes as the hub wrote them; written out here only when the client could not slice them.
    const raw = text ?? JSON.stringify(argument);
    if (raw.length > deps.maxBodyBytes / 3 && Buffer.byteLength(raw) > deps.maxBodyBytes) {
      refuse('too-large');
      return null;
    }
    return envelopeOf(argument, raw);
  };

  const receive = (argument: unknown, text: string | undefined) => {
    const received = envelope(argument, text);
    if (!received) return;
    if (!deps.verifyKey(received.key)) {
      deps.onAuthFailure();
      refuse('wrong-key');
      return;
    }
    const problem = typeProblem(received);
    if (problem) {
      refuse('malformed', problem);
      return;
    }
    deps.accept(received);
  };
  return (argument, text) => {
    try {
      receive(argument, text);
    } catch (error) {
      // Nesting too deep to serialise, for one: the push is dropped, the session stays up.
      deps.log.error(`A websocket push could not be processed: ${errorMessage(error)}`);
    }
  };
}
