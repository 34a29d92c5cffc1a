/**
 * One request from head to reply, shared by the FXServer and node:http adapters: they only move bytes.
 * Guarantees one reply per request, the reply before any slow work, and counters for each answer.
 */
import type { Logger } from '../log';
import type { Stats } from '../stats';
import { errorMessage } from '../text';
import type { Ingress, IngressRequest } from './ingress';
import { type Reply, replies } from './replies';

export type SendReply = (reply: Reply) => void;

export interface ExchangeDeps {
  ingress: Ingress;
  stats: Stats;
  log: Logger;
  /** One console line per push: type, status, milliseconds. */
  logEvents: boolean;
  now: () => number;
}

export interface Exchange {
  /** Answers from the head alone and returns true, or returns false: read the body, then call receiveBody(). */
  checkHead(request: IngressRequest, send: SendReply): boolean;
  receiveBody(request: IngressRequest, body: string, send: SendReply, startedAt: number): void;
  /** For adapters that must give up on a request (body never arrived, internal failure). */
  failWith(reply: Reply, send: SendReply): void;
}

export function createExchange(deps: ExchangeDeps): Exchange {
  const { ingress, stats, log } = deps;

  const answer = (send: SendReply, reply: Reply, type: string | undefined, startedAt: number) => {
    send(reply);
    stats.reply(reply.status, type);
    if (deps.logEvents && type !== undefined) {
      log.info(`${type} → ${reply.status} in ${(deps.now() - startedAt).toFixed(1)} ms`);
    }
  };

  return {
    checkHead(request, send) {
      try {
        const reply = ingress.checkHead(request);
        if (!reply) return false;
        answer(send, reply, undefined, 0);
      } catch (error) {
        log.error(`Request failed before its body was read: ${errorMessage(error)}`);
        answer(send, replies.internalError(), undefined, 0);
      }
      return true;
    },

    receiveBody(request, body, send, startedAt) {
      let handled: ReturnType<Ingress['receiveBody']>;
      try {
        handled = ingress.receiveBody(request, body);
      } catch (error) {
        log.error(`Push could not be processed: ${errorMessage(error)}`);
        answer(send, replies.internalError(), undefined, startedAt);
        return;
      }
      answer(send, handled.reply, handled.type, startedAt);
      try {
        handled.afterReply?.();
      } catch (error) {
        log.error(`After replying to ${handled.type ?? 'a push'}: ${errorMessage(error)}`);
      }
    },

    failWith(reply, send) {
      answer(send, reply, undefined, 0);
    },
  };
}
