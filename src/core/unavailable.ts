/**
 * The generation that runs while config.json is broken: every push is answered 503 (404 and 405 as
 * usual off the route), `status` says why, and `reload` can start the real pipeline once it is fixed.
 */

import { createCommandRouter } from './commands/router';
import { brokenConfigStatusCommand } from './commands/status';
import { ConfigSchema } from './config/schema';
import type { GenerationRuntime } from './generation-runtime';
import type { Exchange } from './ingress/exchange';
import { routeReply } from './ingress/ingress';
import { replies } from './ingress/replies';
import type { Logger } from './log';
import type { Generation } from './pipeline';

const exchange: Exchange = {
  checkHead(request, send) {
    send(routeReply(request) ?? replies.misconfigured());
    return true;
  },
  receiveBody(_request, _body, send) {
    send(replies.misconfigured());
  },
  failWith(reply, send) {
    send(reply);
  },
};

export function createUnavailable(
  runtime: GenerationRuntime,
  problems: string[],
  hint: string,
  log: Logger,
): Generation {
  const commands = createCommandRouter(runtime, log.child('command'));
  commands.add(brokenConfigStatusCommand(problems, hint));
  // Nothing is read while unavailable; the default cap only keeps hosts' streaming reads bounded.
  const defaults = ConfigSchema.parse({});
  return { exchange, maxBodyBytes: defaults.maxBodyBytes, http: defaults.http, commands, stop() {} };
}
