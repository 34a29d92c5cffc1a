/** Chat lines, for servers that prefer the chat resource to the feed. */
import { NetEvents } from '../shared/events';

/** `title` may carry our own colour codes; `text` is clean. The chat resource HTML-escapes both. */
export function postChat(title: string, text: string): void {
  emit(NetEvents.ChatMessage, { args: [title, text] });
}
