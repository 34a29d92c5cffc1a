/** Editors on Windows may save a byte order mark before the JSON; JSON.parse refuses it, so it is set aside. */
export const BYTE_ORDER_MARK = '\uFEFF';

export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}
