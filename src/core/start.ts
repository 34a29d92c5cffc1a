/** Starts the resource on any host: config, then the pipeline, or a clear 503 when it cannot run. */
import { createCommandRouter } from './commands/router';
import { brokenConfigStatusCommand } from './commands/status';
import { API_KEY_SETTING, CONFIG_DOCS, loadConfig } from './config/load';
import { ConfigSchema } from './config/schema';
import { forwardingSecrets } from './forward/config';
import { createAuthThrottle } from './ingress/auth-throttle';
import { createExchange, type Exchange } from './ingress/exchange';
import { createIngress } from './ingress/ingress';
import { replies } from './ingress/replies';
import { createLogger, type Logger } from './log';
import { createPipeline } from './pipeline';
import type { Runtime } from './runtime';
import { createStats } from './stats';

export interface Started {
  exchange: Exchange;
  log: Logger;
  /** Hosts that stream the body themselves stop reading past this. */
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

export function start(runtime: Runtime): Started {
  let secrets: string[] = [];
  let debug = false;
  const log = createLogger(
    { print: runtime.print, secrets: () => secrets, debug: () => debug },
    runtime.resourceName,
  );

  const result = loadConfig(runtime);
  if (!result.ok) {
    log.error('The configuration is invalid, so push events are answered 503 until it is fixed:');
    for (const problem of result.problems) log.error(`  ${problem}`);
    const restart = runtime.kind === 'fivem' ? `restart ${runtime.resourceName}` : 'restart the relay';
    const hint = `${CONFIG_DOCS} Fix config.json, then ${restart}.`;
    log.error(hint);
    createCommandRouter(runtime, log.child('command')).add(brokenConfigStatusCommand(result.problems, hint));
    return {
      exchange: unavailable(runtime, log),
      log,
      maxBodyBytes: ConfigSchema.parse({}).maxBodyBytes,
      stop() {},
    };
  }
  const { loaded } = result;
  secrets = forwardingSecrets(loaded.config, (name) => runtime.setting(name));
  if (loaded.apiKey) secrets.push(loaded.apiKey);
  debug = loaded.config.debug;

  if (!loaded.apiKey) {
    log.error(
      `No API key is configured: set the convar ${API_KEY_SETTING} (SONORAN_API_KEY for the relay) ` +
        'or apiKey in config.json. Push events are answered 503 until then.',
    );
  }
  const pipeline = createPipeline(runtime, loaded, log);
  log.info(
    `Receiving Sonoran CAD push events at /${runtime.resourceName}/event (API key: ${loaded.apiKeySource}).`,
  );
  return { exchange: pipeline.exchange, log, maxBodyBytes: loaded.config.maxBodyBytes, stop: pipeline.stop };
}
