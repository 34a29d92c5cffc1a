/**
 * One attempt to one target: the bytes it gets (raw, exact or a Discord message), the Standard Webhooks
 * headers signed over exactly those bytes, Discord's rate limits, then the POST and its verdict.
 */
import type { Timers } from '../../runtime';
import type { Target } from '../config';
import type { QueuedEvent } from '../queue/queued-event';
import type { Sender } from '../queue/send-outcome';
import type { EmbedContext } from './discord/embed';
import { discordMessage } from './discord/message';
import { type DiscordRateLimits, discordPause } from './discord/rate-limit';
import { discordSendUrl, parseDiscordWebhook } from './discord/webhook-url';
import { type Poster, verdictFor } from './http-post';
import { type SigningKeys, signatureHeader } from './sign';

const USER_AGENT = 'sonorancad-forwarder';

export interface SenderDeps {
  poster: Poster;
  /** Masked out of everything but includeKey targets' bytes. */
  apiKey: string;
  timers: Timers;
  discordLimits: DiscordRateLimits;
  /** The event without its key, made once per event for all targets. */
  keyless(entry: QueuedEvent): string;
  embed: Omit<EmbedContext, 'at'>;
}

export function createSender(target: Target, keys: SigningKeys | null, deps: SenderDeps): Sender {
  const discord = target.format === 'discord';
  const url = discord ? discordSendUrl(target.url) : target.url;
  const bucket = parseDiscordWebhook(target.url)?.id ?? target.url;
  const timeoutMs = target.timeoutSeconds * 1000;
  // Made once per event, not per retry: the keyless copy, and for Discord the message built from it.
  let built: { seq: number; payload: string } | null = null;

  const payloadOf = (entry: QueuedEvent): string => {
    if (target.includeKey) return entry.raw;
    if (built?.seq !== entry.seq) {
      const keyless = deps.keyless(entry);
      built = {
        seq: entry.seq,
        payload: discord ? discordMessage(keyless, { ...deps.embed, at: entry.at }) : keyless,
      };
    }
    return built.payload;
  };

  return async (entry) => {
    const now = deps.timers.now();
    if (discord) {
      const wait = deps.discordLimits.reserve(bucket, now);
      if (wait > 0) return { kind: 'wait', ms: wait };
    }
    const body = payloadOf(entry);
    const timestamp = Math.floor(now / 1000);
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      ...target.headers,
      'content-type': 'application/json',
      'webhook-id': entry.id,
      'webhook-timestamp': String(timestamp),
    };
    if (keys) headers['webhook-signature'] = signatureHeader(keys, entry.id, timestamp, body);

    const result = await deps.poster.post({ method: target.method, url, headers, body, timeoutMs });
    const answeredAt = deps.timers.now();
    const verdict = verdictFor(result, discord, answeredAt);
    if (!discord || !result.ok) return verdict;
    deps.discordLimits.update(bucket, result.answer.header, answeredAt);
    if (result.answer.status !== 429 || verdict.kind !== 'retry') return verdict;
    const pause = discordPause(result.answer.text, result.answer.header);
    if (!pause) return verdict;
    deps.discordLimits.pause(bucket, pause.ms, pause.global, answeredAt);
    return { ...verdict, retryAfterMs: pause.ms };
  };
}
