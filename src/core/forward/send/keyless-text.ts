/**
 * The push without its top-level `key` member, cut out of the text itself: for a body nested too deeply
 * for JSON.stringify (the parser takes any depth, the writer does not), so that such a push is still
 * forwarded. One pass, no recursion, so the depth costs nothing but time.
 */

/** The index just past the string that starts at `at` (a quote). */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** `text` holds one JSON object (JSON.parse accepted it); every top-level member named `key` is dropped. */
export function withoutTopLevelKey(text: string): string {
  const members: { start: number; end: number; name: string | null }[] = [];
  let open = -1;
  let close = -1;
  let depth = 0;
  let start = -1;
  let name: string | null = null;
  let expectName = false;
  for (let i = 0; i < text.length && close === -1; i += 1) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && expectName) name = JSON.parse(text.slice(i, end)) as string;
      expectName = false;
      i = end - 1;
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth === 1) {
        open = i;
        start = i + 1;
        expectName = true;
      }
    } else if (char === '}' || char === ']') {
      if (depth === 1) {
        if (name !== null) members.push({ start, end: i, name });
        close = i;
      }
      depth -= 1;
    } else if (char === ',' && depth === 1) {
      members.push({ start, end: i, name });
      start = i + 1;
      name = null;
      expectName = true;
    }
  }
  const kept = members.filter((member) => member.name !== 'key');
  if (kept.length === members.length) return text;
  const body = kept.map(({ start: from, end }) => text.slice(from, end).trim()).join(',');
  return `${text.slice(0, open + 1)}${body}${text.slice(close)}`;
}
