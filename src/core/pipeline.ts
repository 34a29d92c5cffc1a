/**
 * Wires the stages in the order data flows through them; the only place they meet.
 * ingress → verify key → validate → forward journal → [reply] → state + local events → subscribers
 * → alerts; delivery to forward targets runs on its own, per target.
 */

import { InboundEvents } from '../shared/events';
import { createAlerts } from './alerts/alerts';
import { simulateCommand } from './alerts/simulate';
import { type CommandRouter, createCommandRouter } from './commands/router';
import { statusCommand } from './commands/status';
import { CONFIG_FILE, checkConfig, type LoadedConfig } from './config/load';
import type { Config } from './config/schema';
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
import { createTargetAdmin, type TargetAdmin } from './manage/targets';
import type { Runtime } from './runtime';
import { CallCache } from './state/calls';
import { UnitCache } from './state/units';
import { createStats, type Stats } from './stats';
import { type Envelope, parseEnvelope } from './validate/envelope';
import { validatePush } from './validate/validate';
import { createKeyVerifier } from './verify/api-key';
import { VERSION } from './version';

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
  /** One for the process, so changes queue behind each other across reloads. */
  targets: TargetAdmin;
}

/**
 * Made once per process. Other resources hold on to what is registered here (export ids, handlers
 * given to RegisterPushEvent), so it is registered on the host itself, not per configuration.
 */
/** `apply`: what makes a saved config.json run (`sonorancad reload`). */
export function createPipelineState(
  config: Config,
  host: Runtime,
  log: Logger,
  apply: () => string[],
): PipelineState {
  const state: PipelineState = {
    stats: createStats(host.timers.now),
    units: new UnitCache(config.cache.maxUnits),
    calls: new CallCache(config.cache.maxCalls),
    subscribers: createSubscribers(log.child('subscribers')),
    targets: createTargetAdmin({
      read: () => host.readFile(CONFIG_FILE),
      write: (text) => host.writeFile(CONFIG_FILE, text),
      check(text) {
        const checked = checkConfig(host, text);
        return checked.ok ? { ok: true, targets: checked.loaded.config.forwarding.targets } : checked;
      },
      apply,
    }),
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
  const { stats, units, calls, subscribers } = state;
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
  commands.add(forwardCommand(forwarder, runtime.timers.now, state.targets));
  commands.add(
    statusCommand({
      stats,
      now: runtime.timers.now,
      version: VERSION,
      apiKeySource: loaded.apiKeySource,
      forwarding: () => forwarder.status(),
    }),
  );
  forwarder.start();

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
    // Real pushes only (simulated ones are not forwarded); journalled before the reply goes out.
    accept(envelope) {
      const handled = accept(envelope);
      forwarder.accept(envelope, handled.validation);
      return handled;
    },
  });

  const exchange = createExchange({
    ingress,
    stats,
    log: log.child('ingress'),
    logEvents: config.logEvents ?? runtime.kind === 'standalone',
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
