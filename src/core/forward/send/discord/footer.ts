/**
 * The footer metadata Sonoran CAD puts on its own Discord webhooks, `USERNAME or UUID | TYPE | ID`,
 * so bots written to parse those (split on `|`, trim) can read ours too.
 */

/** Sonoran's type numbers, from its Discord-webhook docs. */
export const FooterType = {
  UNIT_PANIC: 0,
  NEW_DISPATCH: 5,
  EDIT_DISPATCH: 6,
  CLOSE_DISPATCH: 7,
  EMERGENCY: 8,
  RECORD_ADD: 9,
  RECORD_EDIT: 10,
  RECORD_REMOVE: 11,
  TONE_PLAYED: 12,
} as const;

type FooterTypeNumber = (typeof FooterType)[keyof typeof FooterType];

/** A `|` inside a part would shift every later part for a parser, so it is replaced. */
const part = (value: string | number) => String(value).replaceAll('|', '/').trim();

export function sonoranFooter(user: string, type: FooterTypeNumber, ...ids: (string | number)[]): string {
  return [user, type, ...ids].map(part).join(' | ');
}
