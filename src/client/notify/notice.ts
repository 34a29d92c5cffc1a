/** What a notice says, whoever shows it: clean text only; each provider adds its own markup. */
import type { Position } from '../../shared/alert-payloads';

export type NoticeKind =
  | 'panic'
  | 'panicCleared'
  | 'emergencyCall'
  | 'dispatchAssigned'
  | 'dispatchDetached'
  | 'dispatchClosed'
  | 'dispatchNote'
  | 'route'
  | 'tone'
  | 'page'
  | 'stationAlert';

/** Emergency: red, and flashes in the feed. */
export type NoticeStyle = 'emergency' | 'warning' | 'info' | 'success';

/** Also the payload of the `event` provider's client event: a public shape, documented in docs/alerts.md. */
export interface Notice {
  kind: NoticeKind;
  /** A short label: "911", "PANIC", the dispatch call's code; may be empty. */
  code: string;
  title: string;
  lines: string[];
  position: Position | null;
  callId: number | null;
  style: NoticeStyle;
}
