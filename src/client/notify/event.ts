/** For any other UI: the structured notice as a local client event. */
import { ClientEvents } from '../../shared/events';
import type { Notice } from './notice';

export function raiseNoticeEvent(notice: Notice): void {
  emit(ClientEvents.Notify, notice);
}
