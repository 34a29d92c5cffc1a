/**
 * ps-dispatch sends an alert on to every on-duty player of its own jobs, whoever raised it, so with that
 * provider exactly one recipient raises each alert: the lowest server id, a choice that does not depend on
 * the order players are listed in. No other provider needs one.
 */
import type { NotifyProvider } from '../../shared/alert-payloads';

export function raiserOf(recipients: Iterable<number>, notify: NotifyProvider): number | null {
  if (notify !== 'ps-dispatch') return null;
  let lowest: number | null = null;
  for (const player of recipients) if (lowest === null || player < lowest) lowest = player;
  return lowest;
}
