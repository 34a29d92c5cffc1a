/** Chat lines through the cfx chat resource, which HTML-escapes both arguments. */
import { NetEvents } from '../../shared/events';
import type { Notice, NoticeStyle } from './notice';

const TITLE_COLOUR: Record<NoticeStyle, string> = {
  emergency: '^1',
  warning: '^3',
  info: '^5',
  success: '^2',
};

export function postToChat(notice: Notice): void {
  emit(NetEvents.ChatMessage, {
    args: [`${TITLE_COLOUR[notice.style]}${notice.title}`, notice.lines.join(' | ')],
  });
}
