/**
 * The body of an Execute Webhook call, built from a stored (keyless) push when it is sent: one clamped
 * embed, and no mentions, so text typed into the CAD can never ping anyone.
 */
import { parseEnvelope } from '../../../validate/envelope';
import { validatePush } from '../../../validate/validate';
import { clampEmbed } from './clamp';
import { discordEmbed, type EmbedContext } from './embed';

export function discordMessage(body: string, ctx: EmbedContext): string {
  const parsed = parseEnvelope(body);
  // Stored bodies are our own serialisation of an accepted push, so this only guards against a damaged journal.
  if (!parsed.ok) throw new Error(`stored body unreadable: ${parsed.message}`);
  const { envelope } = parsed;
  const embed = discordEmbed(envelope.type, envelope.data, validatePush(envelope), ctx);
  return JSON.stringify({ embeds: [clampEmbed(embed)], allowed_mentions: { parse: [] } });
}
