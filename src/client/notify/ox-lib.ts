/**
 * ox_lib's client `notify` export (overextended/ox_lib, resource/interface/client/notify.lua): a toast
 * with title, description, type and duration. It draws no blip, and plays a sound only when given one.
 */
import { escapeMarkdown } from '../sanitise';
import type { Notice, NoticeStyle } from './notice';

export const OX_LIB = 'ox_lib';

const TYPE: Record<NoticeStyle, string> = {
  emergency: 'error',
  warning: 'warning',
  info: 'info',
  success: 'success',
};

export function showWithOxLib(notice: Notice): void {
  const urgent = notice.style === 'emergency' || notice.style === 'warning';
  exports[OX_LIB].notify({
    title: notice.title,
    // The description is rendered as Markdown: CAD text must not become links or images. Two spaces
    // before the newline make a line break.
    description: notice.lines.map(escapeMarkdown).join('  \n'),
    type: TYPE[notice.style],
    duration: urgent ? 10_000 : 5_000,
  });
}
