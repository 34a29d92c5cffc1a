/**
 * Wires the stages in the order data flows through them; the only place they meet.
 * ingress (HTTP) or websocket → verify key → cross-transport dedupe → validate → forward journal
 * → [reply] → state + local events → subscribers → alerts; delivery to forward targets runs on its
 * own, per target.
 */

import { InboundEvents } from '../shared/events';
import { createAlerts } from './alerts/alerts';
import { simulateCommand } from './alerts/simulate';
import { type CommandRouter, createCommandRouter } from './commands/router';
import { statusCommand } from './commands/status';
import type { LoadedConfig } from './config/load';
import type { Config } from './config/schema';
import { type CrossTransportDedupe, createCrossTransportDedupe } from './dedupe/cross-transport';
import { registerPushExports } from './emit/exports';
import { createPublisher } from './emit/publish';
import { createSubscribers, type Subscribers } from './emit/subscribers';
import { forwardCommand } from './forward/commands';
import { resolveForwarding } from './forward/config';
import { createForwarder } from './forward/forwarder';
import { createAuthThrottle } from './ingress/auth-throttle';
import { createExchange, type Exchange } from './ingress/exchange';
import { createIngress } from './ingress/ingress';
import { replies } from './ingress/replies';
import type { Logger } from './log';
import type { Runtime } from './runtime';
import { CallCache } from './state/calls';
import { UnitCache } from './state/units';
import { createStats, type Stats } from './stats';
import { type Envelope, parseEnvelope } from './validate/envelope';
import { validatePush } from './validate/validate';
import { createKeyVerifier } from './verify/api-key';
import { VERSION } from './version';
import { OFFICIAL_RESOURCE, planWebsocket } from './websocket/config';
import { createPushReceiver } from './websocket/receive';
import { createWebsocketTransport, type WebsocketTransport } from './websocket/transport';

export interface Pipeline {
  exchange: Exchange;
  commands: CommandRouter;
  stop(): void;
}

/** What outlives a configuration: `sonorancad reload` builds a new pipeline around the same state. */
export interface PipelineState {
  stats: Stats;
  units: UnitCache;
  calls: CallCache;
  subscribers: Subscribers;
  dedupe: CrossTransportDedupe;
  /** The hub session is kept across reloads that do not change what identifies it. */
  websocket: WebsocketTransport;
}

/**
 * Made once per process. Other resources hold on to what is registered here (export ids, handlers
 * given to RegisterPushEvent), so it is registered on the host itself, not per configuration.
 */
export function createPipelineState(config: Config, host: Runtime, log: Logger): PipelineState {
  const state: PipelineState = {
    stats: createStats(host.timers.now),
    units: new UnitCache(config.cache.maxUnits),
    calls: new CallCache(config.cache.maxCalls),
    subscribers: createSubscribers(log.child('subscribers')),
    dedupe: createCrossTransportDedupe(host.timers.now),
    websocket: createWebsocketTransport({ timers: host.timers, log: log.child('websocket') }),
  };
  registerPushExports(host.registerExport, state);
  host.on(InboundEvents.RegisterPushEvent, (type, handler) => {
    if (typeof type === 'string' && typeof handler === 'function') {
      state.subscribers.subscribe(type, handler as (body: unknown) => void);
    }
  });
  return state;
}

export function createPipeline(
  runtime: Runtime,
  loaded: LoadedConfig,
  log: Logger,
  state: PipelineState,
): Pipeline {
  const { config, apiKey } = loaded;
  const { stats, units, calls, subscribers, dedupe } = state;
  const commands = createCommandRouter(runtime, log.child('command'));
  const publisher = createPublisher({
    emit: runtime.emit,
    units,
    calls,
    subscribers,
    log: log.child('events'),
  });

  const alerts = createAlerts({ runtime, config: config.alerts, units, log: log.child('alerts') });

  const accept = (envelope: Envelope) => {
    const validation = validatePush(envelope);
    return {
      validation,
      reply: validation.understood ? replies.ok() : replies.acceptedNotUnderstood(validation.reason),
      type: envelope.type,
      after: () => {
        publisher.publish(envelope, validation);
        if (validation.understood) alerts.handle(validation.event);
      },
    };
  };
  // Simulated pushes take the same path as real ones, after the key check.
  const inject = (body: Record<string, unknown>) => {
    const parsed = parseEnvelope(JSON.stringify(body));
    if (!parsed.ok) throw new Error(parsed.message);
    accept(parsed.envelope).after();
  };
  commands.add(simulateCommand({ players: runtime.players, unitOf: alerts.unitOf, inject }));

  const forwarder = createForwarder({
    settings: resolveForwarding(config),
    dataDir: runtime.dataDir,
    apiKey,
    setting: (name) => runtime.setting(name),
    timers: runtime.timers,
    log: log.child('forward'),
    source: runtime.resourceName,
  });
  commands.add(forwardCommand(forwarder, runtime.timers.now));
  commands.add(
    statusCommand({
      stats,
      now: runtime.timers.now,
      version: VERSION,
      apiKeySource: loaded.apiKeySource,
      forwarding: () => forwarder.status(),
      websocket: () => state.websocket.view(),
      duplicatesDropped: () => dedupe.dropped,
    }),
  );
  forwarder.start();

  // Real pushes, from either transport (simulated ones are not forwarded): journalled before the reply.
  const acceptReal = (envelope: Envelope) => {
    const handled = accept(envelope);
    forwarder.accept(envelope, handled.validation);
    return handled;
  };
  const logEvents = config.logEvents ?? runtime.kind === 'standalone';
  const websocketLog = log.child('websocket');
  const receive = createPushReceiver({
    maxBodyBytes: config.maxBodyBytes,
    verifyKey: createKeyVerifier(apiKey),
    log: websocketLog,
    now: runtime.timers.now,
    onAuthFailure: stats.authFailure,
    accept(envelope) {
      if (dedupe.isDuplicate('websocket', envelope.body, envelope.raw.length)) return;
      const startedAt = performance.now();
      const handled = acceptReal(envelope);
      stats.pushed(envelope.type);
      handled.after();
      if (logEvents)
        websocketLog.info(`${envelope.type} in ${(performance.now() - startedAt).toFixed(1)} ms`);
    },
  });
  const companion =
    runtime.kind === 'fivem' &&
    runtime.resourceName !== OFFICIAL_RESOURCE &&
    ['started', 'starting'].includes(runtime.resourceState(OFFICIAL_RESOURCE));
  state.websocket.apply(
    planWebsocket({ config, apiKey, setting: (name) => runtime.setting(name), companion }),
    receive,
  );

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
    accept(envelope) {
      // Already handled from the websocket: answered all the same, so the CAD does not retry.
      if (dedupe.isDuplicate('http', envelope.body, envelope.raw.length)) return { reply: replies.ok() };
      return acceptReal(envelope);
    },
  });

  const exchange = createExchange({
    ingress,
    stats,
    log: log.child('ingress'),
    logEvents,
    now: () => performance.now(),
  });

  return {
    exchange,
    commands,
    stop() {
      alerts.stop();
      forwarder.stop();
    },
  };
}
