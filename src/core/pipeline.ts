/**
 * Wires the stages in the order data flows through them; the only place they meet.
 * ingress (head, body, key check) or websocket (pushEvent, key check) → cross-transport dedupe →
 * validate → forward journal → [reply] → cache + local events → subscribers → alerts; delivery to
 * forward targets runs on its own, per target. docs/architecture.md draws the map.
 */

import { InboundEvents } from '../shared/events';
import { uiStyleFor } from './alerts/alert-style';
import { createAlerts } from './alerts/alerts';
import { CallCache } from './cache/calls';
import { UnitCache } from './cache/units';
import { forwardCommand } from './commands/forward';
import { registerMuteCommand } from './commands/mute';
import { type CommandRouter, createCommandRouter } from './commands/router';
import { simulateCommand } from './commands/simulate';
import { statusCommand } from './commands/status';
import type { LoadedConfig } from './config/load';
import type { Config } from './config/schema';
import { type CrossTransportDedupe, createCrossTransportDedupe } from './dedupe/cross-transport';
import { resolveForwarding } from './forward/config';
import { createForwarder, type ForwardCarry } from './forward/forwarder';
import { createScheduler } from './forward/queue/scheduler';
import type { GenerationRuntime } from './generation-runtime';
import { createKeyVerifier } from './ingress/api-key';
import { createAuthThrottle } from './ingress/auth-throttle';
import { createExchange, type Exchange } from './ingress/exchange';
import { createIngress } from './ingress/ingress';
import { replies } from './ingress/replies';
import { createWrongKeyReport } from './ingress/wrong-key-report';
import type { Logger } from './log';
import type { TargetAdmin } from './manage/targets';
import { registerPushExports } from './publish/exports';
import { createPublisher } from './publish/publish';
import { createSubscribers, type Subscribers } from './publish/subscribers';
import type { Runtime } from './runtime';
import { createStats, type Stats } from './stats';
import { type Envelope, parseEnvelope } from './validate/envelope';
import { validatePush } from './validate/validate';
import { VERSION } from './version';
import { followOfficialResource } from './websocket/companion';
import { planWebsocket } from './websocket/config';
import { createPushReceiver } from './websocket/receive';
import { createWebsocketTransport, type WebsocketTransport } from './websocket/transport';

/** One configuration's worth of pipeline; `sonorancad reload` replaces it with the next. */
export interface Generation {
  exchange: Exchange;
  /** Hosts that stream the body themselves stop reading past this. */
  maxBodyBytes: number;
  /** The relay listener's own limits. */
  http: Config['http'];
  commands: CommandRouter;
  /** Closes what the stages hold open (files, sockets); the runtime's reset does the rest. */
  stop(): void;
}

/** What the process-wide state registers on the host for the life of the process. */
export type ProcessHost = Pick<Runtime, 'registerExport' | 'on' | 'timers'>;

/** What outlives a configuration: `sonorancad reload` builds a new generation around the same state. */
export interface ProcessState {
  stats: Stats;
  units: UnitCache;
  calls: CallCache;
  subscribers: Subscribers;
  dedupe: CrossTransportDedupe;
  /** The hub session is kept across reloads that do not change what identifies it. */
  websocket: WebsocketTransport;
  /** What the stopped generation still owed its forward targets, until the next one takes it over. */
  forwardCarry: ForwardCarry | null;
}

/**
 * Made once per process. Other resources hold on to what is registered here (export ids, handlers
 * given to RegisterPushEvent), so it is registered on the host itself, not per configuration.
 */
export function createProcessState(config: Config, host: ProcessHost, log: Logger): ProcessState {
  const state: ProcessState = {
    stats: createStats(host.timers.now),
    units: new UnitCache(config.cache.maxUnits),
    calls: new CallCache(config.cache.maxCalls),
    subscribers: createSubscribers(log.child('subscribers')),
    dedupe: createCrossTransportDedupe(host.timers.now),
    // The host's timers, not a generation's: the session outlives a reload.
    websocket: createWebsocketTransport({ timers: host.timers, log: log.child('websocket') }),
    forwardCarry: null,
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
  runtime: GenerationRuntime,
  loaded: LoadedConfig,
  log: Logger,
  state: ProcessState,
  /** Forward targets changed at run time: one for the process, so changes queue across reloads. */
  targets: TargetAdmin,
): Generation {
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

  const alerts = createAlerts({ runtime, config: config.alerts, units, calls, log: log.child('alerts') });
  if (alerts.mutes) {
    registerMuteCommand(
      runtime,
      config.alerts.muteCommand,
      alerts.mutes,
      alerts.t,
      uiStyleFor(config.alerts),
    );
  }

  const dispatch = (envelope: Envelope) => {
    const validation = validatePush(envelope);
    return {
      validation,
      reply: validation.understood ? replies.ok() : replies.acceptedNotUnderstood(validation.reason),
      type: envelope.type,
      afterReply: () => {
        publisher.publish(envelope, validation);
        if (validation.understood) alerts.handle(validation.event);
      },
    };
  };
  // Simulated pushes take the same path as real ones, after the key check.
  const inject = (body: Record<string, unknown>) => {
    const parsed = parseEnvelope(JSON.stringify(body));
    if (!parsed.ok) throw new Error(parsed.message);
    dispatch(parsed.envelope).afterReply();
  };
  commands.add(
    simulateCommand({
      players: runtime.players,
      unitOf: alerts.unitOf,
      inject,
      stationNames: Object.keys(config.alerts.stationAlerts.stations),
    }),
  );

  const forwarder = createForwarder({
    settings: resolveForwarding(config),
    dataDir: runtime.dataDir,
    apiKey,
    setting: (name) => runtime.setting(name),
    timers: runtime.timers,
    log: log.child('forward'),
    source: runtime.resourceName,
    // Delivery in slices between pushes on the relay; FXServer runs setImmediate once per tick.
    ...(runtime.kind === 'standalone' ? { schedule: createScheduler() } : {}),
  });
  commands.add(forwardCommand(forwarder, runtime.timers.now, targets));
  commands.add(
    statusCommand({
      stats,
      now: runtime.timers.now,
      version: VERSION,
      apiKeySource: loaded.apiKeySource,
      forwarding: () => forwarder.status(),
      websocket: () => state.websocket.view(),
      duplicatesDropped: () => dedupe.dropped,
      units,
    }),
  );
  // A reload never drops work: what the last generation owed (in memory, journalled or not) carries over.
  forwarder.start(state.forwardCarry ?? undefined);
  state.forwardCarry = null;

  // Real pushes, from either transport (simulated ones are not forwarded): journalled before the reply.
  const handleReal = (envelope: Envelope) => {
    const handled = dispatch(envelope);
    forwarder.enqueue(envelope, handled.validation);
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
      if (dedupe.isDuplicate('websocket', envelope.raw)) return;
      // The clock is read only for the event log line.
      const startedAt = logEvents ? performance.now() : 0;
      const handled = handleReal(envelope);
      stats.pushed(envelope.type);
      handled.afterReply();
      if (logEvents)
        websocketLog.info(`${envelope.type} in ${(performance.now() - startedAt).toFixed(1)} ms`);
    },
  });
  followOfficialResource(runtime, (companion) =>
    state.websocket.apply(
      planWebsocket({ config, apiKey, setting: (name) => runtime.setting(name), companion }),
      receive,
    ),
  );

  const ingressLog = log.child('ingress');
  const wrongKeys = createWrongKeyReport(ingressLog, runtime.timers);
  const ingress = createIngress({
    maxBodyBytes: config.maxBodyBytes,
    verifyKey: apiKey ? createKeyVerifier(apiKey) : null,
    throttle: createAuthThrottle({
      limit: config.authFailures.limit,
      windowMs: config.authFailures.windowSeconds * 1000,
      blockMs: config.authFailures.blockSeconds * 1000,
      now: runtime.timers.now,
    }),
    wrongKeys,
    log: ingressLog,
    onAuthFailure: stats.authFailure,
    handleAuthenticated(envelope) {
      // Already handled from the websocket: answered all the same, so the CAD does not retry. With no
      // session, and none in the last minute, no push can come twice: remembering each one for a minute
      // would cost a few tenths of a µs per push (its text kept for the minute) to match nothing.
      const twoTransports = state.websocket.active || dedupe.remembers('websocket');
      if (twoTransports && dedupe.isDuplicate('http', envelope.raw)) return { reply: replies.ok() };
      return handleReal(envelope);
    },
  });

  const exchange = createExchange({
    ingress,
    stats,
    log: ingressLog,
    logEvents,
    now: () => performance.now(),
  });

  return {
    exchange,
    maxBodyBytes: config.maxBodyBytes,
    http: config.http,
    commands,
    stop() {
      alerts.stop();
      state.forwardCarry = forwarder.stop();
      wrongKeys.flush();
    },
  };
}
