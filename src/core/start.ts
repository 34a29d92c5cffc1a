/**
 * Starts the resource on any host: load the configuration, build a generation (the pipeline, or the
 * unavailable one that explains a broken config), and swap generations on `sonorancad reload`.
 */

import { forwardTargetsCommand } from './commands/forward-targets';
import { reloadCommand } from './commands/reload';
import { API_KEY_SETTING, CONFIG_DOCS, type LoadResult, loadConfig } from './config/load';
import { forwardingSecrets } from './forward/config';
import { createGenerationRuntimes } from './generation-runtime';
import type { Exchange } from './ingress/exchange';
import { createLogger, type Logger } from './log';
import { type TargetAdmin, targetAdminFor } from './manage/targets';
import { createPipeline, createProcessState, type Generation, type ProcessState } from './pipeline';
import type { Runtime } from './runtime';
import { createUnavailable } from './unavailable';
import type { WebsocketView } from './websocket/transport';

/** What a host keeps: one exchange and one stop, whichever generation runs behind them. */
export interface ResourceHandle {
  exchange: Exchange;
  log: Logger;
  /** Forward targets changed at run time (commands, the relay's management API). */
  targets: TargetAdmin;
  /** Hosts that stream the body themselves stop reading past this (it may change on reload). */
  maxBodyBytes(): number;
  /** The relay listener's limits (they may change on reload). */
  http(): Generation['http'];
  /** The websocket as `sonorancad status` shows it: no session and why, or the session. */
  websocket(): WebsocketView;
  /** Stops the pipeline at once; resolves when the websocket session is closed. */
  stop(): Promise<void>;
}

export function start(host: Runtime): ResourceHandle {
  let secrets: string[] = [];
  let debug = false;
  const log = createLogger(
    { print: host.print, secrets: () => secrets, debug: () => debug },
    host.resourceName,
  );
  const generations = createGenerationRuntimes(host);
  const { runtime } = generations;
  const hint = `${CONFIG_DOCS} Fix config.json, then run "sonorancad reload" or ${
    host.kind === 'fivem' ? `restart ${host.resourceName}` : 'restart the relay'
  }.`;
  let state: ProcessState | null = null;
  // Changes apply as `sonorancad reload` does; `reload` is defined below, before any change can run.
  const targets = targetAdminFor(host, () => reload(), log.child('config'));

  /** Builds the generation a load result calls for. */
  const build = (result: LoadResult): Generation => {
    if (!result.ok) {
      const unavailable = createUnavailable(runtime, result.problems, hint, log);
      // A broken target can be mended, or removed, from the console.
      unavailable.commands.add(forwardTargetsCommand(targets));
      return unavailable;
    }
    const { loaded } = result;
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
    state ??= createProcessState(
      loaded.config,
      { registerExport: host.registerExport, on: host.on, timers: host.timers },
      log,
    );
    const generation = createPipeline(runtime, loaded, log, state, targets);
    log.info(
      `Receiving Sonoran CAD push events at /${runtime.resourceName}/event (API key: ${loaded.apiKeySource}).`,
    );
    return generation;
  };

  const reload = (): string[] => {
    const result = loadConfig(host, 'reload');
    if (!result.ok) return result.problems;
    current.stop();
    generations.reset();
    current = build(result);
    current.commands.add(reloadCommand(reload));
    return [];
  };

  const first = loadConfig(host);
  if (!first.ok) {
    log.error('The configuration is invalid, so push events are answered 503 until it is fixed:');
    for (const problem of first.problems) log.error(`  ${problem}`);
    log.error(hint);
  }
  let current = build(first);
  current.commands.add(reloadCommand(reload));

  return {
    // Hosts keep this one exchange; it always answers with the generation running now.
    exchange: {
      checkHead: (request, send) => current.exchange.checkHead(request, send),
      receiveBody: (request, body, send, startedAt) =>
        current.exchange.receiveBody(request, body, send, startedAt),
      failWith: (reply, send) => current.exchange.failWith(reply, send),
    },
    log,
    targets,
    maxBodyBytes: () => current.maxBodyBytes,
    http: () => current.http,
    websocket: () => state?.websocket.view() ?? { open: false, reason: 'the configuration did not load' },
    stop() {
      current.stop();
      return state?.websocket.stop() ?? Promise.resolve();
    },
  };
}
