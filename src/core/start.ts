/** Starts the resource on any host: config, then the pipeline, or a clear 503 when it cannot run. */

import { reloadCommand } from './commands/reload';
import { createCommandRouter } from './commands/router';
import { brokenConfigStatusCommand } from './commands/status';
import { API_KEY_SETTING, CONFIG_DOCS, type LoadedConfig, loadConfig } from './config/load';
import { ConfigSchema } from './config/schema';
import { forwardingSecrets } from './forward/config';
import { createAuthThrottle } from './ingress/auth-throttle';
import { createExchange, type Exchange } from './ingress/exchange';
import { createIngress } from './ingress/ingress';
import { replies } from './ingress/replies';
import { createLogger, type Logger } from './log';
import { createPipeline, createPipelineState, type PipelineState } from './pipeline';
import { createReloadableRuntime } from './reloadable-runtime';
import type { Runtime } from './runtime';
import { createStats } from './stats';

export interface Started {
  exchange: Exchange;
  log: Logger;
  /** Hosts that stream the body themselves stop reading past this (it may change on reload). */
  maxBodyBytes(): number;
  /** Stops the pipeline at once; resolves when the websocket session is closed. */
  stop(): Promise<void>;
}

/** One configuration's worth of pipeline; `sonorancad reload` replaces it. */
interface Generation {
  exchange: Exchange;
  maxBodyBytes: number;
  stop(): void;
}

/** Answers every push 503 while the configuration is broken, instead of not answering at all. */
function unavailable(runtime: Runtime, log: Logger): Exchange {
  const defaults = ConfigSchema.parse({});
  const ingress = createIngress({
    maxBodyBytes: defaults.maxBodyBytes,
    verifyKey: null,
    unavailable: replies.misconfigured(),
    throttle: createAuthThrottle({ limit: 1, windowMs: 1, blockMs: 1, now: runtime.timers.now }),
    log,
    accept: () => ({ reply: replies.misconfigured() }),
  });
  return createExchange({
    ingress,
    stats: createStats(runtime.timers.now),
    log,
    logEvents: false,
    now: runtime.timers.now,
  });
}

export function start(host: Runtime): Started {
  let secrets: string[] = [];
  let debug = false;
  const log = createLogger(
    { print: host.print, secrets: () => secrets, debug: () => debug },
    host.resourceName,
  );
  const { runtime, reset } = createReloadableRuntime(host);
  const restart = host.kind === 'fivem' ? `restart ${host.resourceName}` : 'restart the relay';
  let state: PipelineState | null = null;

  const broken = (problems: string[]): Generation => {
    const hint = `${CONFIG_DOCS} Fix config.json, then run "sonorancad reload" or ${restart}.`;
    const commands = createCommandRouter(runtime, log.child('command'));
    commands.add(brokenConfigStatusCommand(problems, hint));
    commands.add(reloadCommand(reload));
    return {
      exchange: unavailable(runtime, log),
      maxBodyBytes: ConfigSchema.parse({}).maxBodyBytes,
      stop() {},
    };
  };

  const running = (loaded: LoadedConfig): Generation => {
    // A new list each time: the logger rebuilds its mask when the list changes.
    const forwarding = forwardingSecrets(loaded.config, (name) => runtime.setting(name));
    secrets = loaded.apiKey ? [...forwarding, loaded.apiKey] : forwarding;
    debug = loaded.config.debug;
    if (!loaded.apiKey) {
      log.error(
        `No API key is configured: set the convar ${API_KEY_SETTING} (SONORAN_API_KEY for the relay) ` +
          'or apiKey in config.json. Push events are answered 503 until then.',
      );
    }
    // Caches, counters and other resources' subscriptions survive a reload; their sizes need a restart.
    state ??= createPipelineState(loaded.config, host, log);
    const pipeline = createPipeline(runtime, loaded, log, state);
    pipeline.commands.add(reloadCommand(reload));
    log.info(
      `Receiving Sonoran CAD push events at /${runtime.resourceName}/event (API key: ${loaded.apiKeySource}).`,
    );
    return { exchange: pipeline.exchange, maxBodyBytes: loaded.config.maxBodyBytes, stop: pipeline.stop };
  };

  const first = loadConfig(host);
  let current: Generation;
  if (first.ok) {
    current = running(first.loaded);
  } else {
    log.error('The configuration is invalid, so push events are answered 503 until it is fixed:');
    for (const problem of first.problems) log.error(`  ${problem}`);
    log.error(`${CONFIG_DOCS} Fix config.json, then run "sonorancad reload" or ${restart}.`);
    current = broken(first.problems);
  }

  function reload(): string[] {
    const result = loadConfig(host);
    if (!result.ok) return result.problems;
    current.stop();
    reset();
    current = running(result.loaded);
    return [];
  }

  return {
    // Hosts keep this one exchange; it always answers with the configuration running now.
    exchange: {
      head: (request, send) => current.exchange.head(request, send),
      body: (request, body, send, startedAt) => current.exchange.body(request, body, send, startedAt),
      fail: (reply, send) => current.exchange.fail(reply, send),
    },
    log,
    maxBodyBytes: () => current.maxBodyBytes,
    stop() {
      current.stop();
      return state?.websocket.stop() ?? Promise.resolve();
    },
  };
}
