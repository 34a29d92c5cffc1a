/**
 * Discord rejects a message (400) when an embed passes its limits, so every embed is cut to fit before
 * it is sent. Lengths are counted in UTF-16 units, which is never less than what Discord counts.
 */
import { clip } from '../../../text';

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
  timestamp?: string;
}

export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** All titles, descriptions, field names and values and footers of one message together. */
  total: 6000,
} as const;

/** Discord refuses empty field names and values. */
const EMPTY = '—';

/** Trims, then cuts to `max` units with an ellipsis, never between the two halves of a surrogate pair. */
export function clampText(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  return max < 1 ? '' : clip(trimmed, max - 1);
}

export function embedLength(embed: Embed): number {
  let length = embed.title.length + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

/** Every text within its own limit, at most 25 fields, and the whole within the 6000-unit message total. */
export function clampEmbed(embed: Embed): Embed {
  const out: Embed = { ...embed, title: clampText(embed.title, EMBED_LIMITS.title) || EMPTY };
  if (embed.description !== undefined)
    out.description = clampText(embed.description, EMBED_LIMITS.description);
  if (embed.footer) out.footer = { text: clampText(embed.footer.text, EMBED_LIMITS.footer) };
  if (embed.fields) {
    out.fields = embed.fields.slice(0, EMBED_LIMITS.fields).map((field) => ({
      ...field,
      name: clampText(field.name, EMBED_LIMITS.fieldName) || EMPTY,
      value: clampText(field.value, EMBED_LIMITS.fieldValue) || EMPTY,
    }));
  }
  // Over the total, the least important text goes first: trailing fields, then the description.
  let excess = embedLength(out) - EMBED_LIMITS.total;
  while (excess > 0 && out.fields?.length) {
    const dropped = out.fields.pop()!;
    excess -= dropped.name.length + dropped.value.length;
  }
  if (excess > 0 && out.description) {
    const before = out.description.length;
    // Title and footer alone stay far below the total, so this always fits.
    out.description = clampText(out.description, Math.max(0, before - excess));
  }
  return out;
}
