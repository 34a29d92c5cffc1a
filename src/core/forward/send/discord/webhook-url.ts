/** Reads a Discord webhook URL: its id (the rate-limit bucket key), its token (a secret) and the URL to POST to. */

const DISCORD_HOSTS = /^(?:(?:ptb|canary)\.)?discord(?:app)?\.com$/i;
const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([\w-]+)\/?$/;

export interface DiscordWebhook {
  id: string;
  token: string;
  /** True for discord.com and discordapp.com; false for a proxy or a test double with the same path. */
  official: boolean;
}

export function parseDiscordWebhook(url: string): DiscordWebhook | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const match = WEBHOOK_PATH.exec(parsed.pathname);
  if (!match) return null;
  return { id: match[1]!, token: match[2]!, official: DISCORD_HOSTS.test(parsed.hostname) };
}

/** `?wait=true` makes Discord answer only once the message is saved, so a 2xx means delivered. */
export function discordSendUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('wait', 'true');
  return parsed.toString();
}
