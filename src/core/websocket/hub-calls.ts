/**
 * Invocations both ways on one hub connection: ours wait for the hub's Completion by invocation id
 * (ids keep counting across reconnects, as the hub expects); the hub's are dispatched to the methods
 * registered, and answered when the hub asked for an answer. Each returns the record to send.
 */
import { errorMessage } from '../text';
import type { HubMethod } from './hub-connection';
import { type HubMessage, MessageType, record } from './hub-protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const NO_RESULT = "Client didn't provide a result.";

const completion = (invocationId: string, outcome: { result: unknown } | { error: string }) =>
  record({ type: MessageType.Completion, invocationId, ...outcome });

export class HubCalls {
  private readonly methods = new Map<string, HubMethod>();
  private readonly pending = new Map<string, Pending>();
  private nextInvocationId = 0;

  on(method: string, handler: HubMethod): void {
    // Matched case-insensitively, as SignalR does; the name as given is found without lower-casing.
    this.methods.set(method, handler);
    this.methods.set(method.toLowerCase(), handler);
  }

  /** Our call: its record, and the answer to come. */
  invoke<T>(method: string, args: unknown[]): { text: string; answer: Promise<T> } {
    const invocationId = String(this.nextInvocationId++);
    const answer = new Promise<T>((resolve, reject) => {
      this.pending.set(invocationId, { resolve: resolve as (value: unknown) => void, reject });
    });
    return {
      text: record({ type: MessageType.Invocation, invocationId, target: method, arguments: args }),
      answer,
    };
  }

  /** The hub's call; the Completion to send when it asked for one, else null. */
  call(
    target: string,
    args: readonly unknown[],
    invocationId: string | null,
    text: string | undefined,
    log: (line: string) => void,
  ): string | null {
    const handler = this.methods.get(target) ?? this.methods.get(target.toLowerCase());
    if (!handler) {
      log(`the hub called '${target}', which this client does not handle`);
      return invocationId === null ? null : completion(invocationId, { error: NO_RESULT });
    }
    // A push (no answer asked) costs the handler's call and nothing more.
    let outcome: { result: unknown } | { error: string } | null = null;
    try {
      const result = handler(args, text);
      if (invocationId !== null) outcome = { result };
    } catch (error) {
      if (invocationId !== null) outcome = { error: errorMessage(error) };
    }
    return outcome === null || invocationId === null ? null : completion(invocationId, outcome);
  }

  /** The hub's answer to one of ours. */
  completed(message: HubMessage): void {
    const invocationId = typeof message.invocationId === 'string' ? message.invocationId : '';
    const pending = this.pending.get(invocationId);
    if (!pending) return;
    this.pending.delete(invocationId);
    if (typeof message.error === 'string') pending.reject(new Error(message.error));
    else pending.resolve(message.result);
  }

  /** The connection closed: no answer will come. */
  rejectAll(cause: Error): void {
    for (const pending of this.pending.values()) pending.reject(cause);
    this.pending.clear();
  }
}
