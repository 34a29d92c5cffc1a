/**
 * Wires the stages in the order data flows through them; the only place they meet.
 * ingress → verify key → validate → [reply] → state + local events → subscribers
 */

import { InboundEvents } from '../shared/events';
import { type CommandRouter, createCommandRouter } from './commands/router';
import type { LoadedConfig } from './config/load';
import { registerPushExports } from './emit/exports';
import { createPublisher } from './emit/publish';
import { createSubscribers } from './emit/subscribers';
import { createAuthThrottle } from './ingress/auth-throttle';
import { createExchange, type Exchange } from './ingress/exchange';
import { createIngress } from './ingress/ingress';
import { replies } from './ingress/replies';
import type { Logger } from './log';
import type { Runtime } from './runtime';
import { CallCache } from './state/calls';
import { UnitCache } from './state/units';
import { createStats, type Stats } from './stats';
import type { Envelope } from './validate/envelope';
import { validatePush } from './validate/validate';
import { createKeyVerifier } from './verify/api-key';

export interface Pipeline {
  exchange: Exchange;
  stats: Stats;
  commands: CommandRouter;
  stop(): void;
}

export function createPipeline(runtime: Runtime, loaded: LoadedConfig, log: Logger): Pipeline {
  const { config, apiKey } = loaded;
  const stats = createStats(runtime.timers.now);
  const commands = createCommandRouter(runtime, log.child('command'));
  const units = new UnitCache(config.cache.maxUnits);
  const calls = new CallCache(config.cache.maxCalls);
  const subscribers = createSubscribers(log.child('subscribers'));
  const publisher = createPublisher({
    emit: runtime.emit,
    units,
    calls,
    subscribers,
    log: log.child('events'),
  });

  registerPushExports(runtime.registerExport, { units, calls, subscribers });
  runtime.on(InboundEvents.RegisterPushEvent, (type, handler) => {
    if (typeof type === 'string' && typeof handler === 'function') {
      subscribers.subscribe(type, handler as (body: unknown) => void);
    }
  });

  const accept = (envelope: Envelope) => {
    const validation = validatePush(envelope);
    return {
      reply: validation.understood ? replies.ok() : replies.acceptedNotUnderstood(validation.reason),
      type: envelope.type,
      after: () => publisher.publish(envelope, validation),
    };
  };

  const ingress = createIngress({
    maxBodyBytes: config.maxBodyBytes,
    verifyKey: apiKey ? createKeyVerifier(apiKey) : null,
    throttle: createAuthThrottle({
      limit: config.authFailures.limit,
      windowMs: config.authFailures.windowSeconds * 1000,
      blockMs: config.authFailures.blockSeconds * 1000,
      now: runtime.timers.now,
    }),
    log: log.child('ingress'),
    onAuthFailure: stats.authFailure,
    accept,
  });

  const exchange = createExchange({
    ingress,
    stats,
    log: log.child('ingress'),
    logEvents: config.logEvents ?? runtime.kind === 'standalone',
    now: () => performance.now(),
  });

  return { exchange, stats, commands, stop() {} };
}
