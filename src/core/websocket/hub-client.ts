/**
 * Builds one connection to Sonoran's hub with `@microsoft/signalr`, loaded on first use: a resource that
 * never opens a session never evaluates it. Negotiation goes through our own HTTP client, so the
 * package's cookie-jar stack (tough-cookie and its public-suffix list, ~100 ms of main-thread time to
 * load) is never needed.
 */
import type { HubConnection, ILogger } from '@microsoft/signalr';
import type { Logger } from '../log';
import { createHttpClient } from './http-client';

export interface HubClientOptions {
  hubUrl: string;
  /** Idle time before the client pings the hub. */
  keepAliveMs: number;
  /** Silence after which the client gives up on the hub. */
  timeoutMs: number;
  log: Logger;
}

/** The package's own lines are for diagnosis: the session reports what an operator needs. */
function quietLogger(log: Logger): ILogger {
  return { log: (_level, message) => log.debug(message) };
}

export async function connectHub(options: HubClientOptions): Promise<HubConnection> {
  const signalR = await import('@microsoft/signalr');
  const logger = quietLogger(options.log);
  return new signalR.HubConnectionBuilder()
    .withUrl(options.hubUrl, {
      transport: signalR.HttpTransportType.WebSockets,
      httpClient: createHttpClient(signalR.HttpClient, signalR.HttpResponse, signalR.HttpError),
      logger,
    })
    .configureLogging(logger)
    .withKeepAliveInterval(options.keepAliveMs)
    .withServerTimeout(options.timeoutMs)
    .build();
}
