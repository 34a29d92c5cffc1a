/**
 * Changes `forwarding.targets` in the text of config.json and nothing else: every other key, its value,
 * the order and the indentation stay as the operator wrote them. The parsed config is never written
 * back, since it holds the defaults and the convar overrides that the file does not.
 */
import {
  applyEdits,
  type FormattingOptions,
  findNodeAtLocation,
  modify,
  type Node,
  parseTree,
} from 'jsonc-parser';
import { BYTE_ORDER_MARK, withoutByteOrderMark } from './byte-order-mark';

export type TargetChange =
  | { kind: 'add'; target: Record<string, unknown> }
  /** An RFC 7396 merge patch of one target: `null` removes a field, an object merges into an object. */
  | { kind: 'patch'; name: string; patch: Record<string, unknown> }
  | { kind: 'remove'; name: string };

export type EditResult =
  /** `index`: where the added or patched target now is in the list. */
  | { ok: true; text: string; index: number }
  | { ok: false; outcome: 'unknown' | 'duplicate' }
  /** The file is not a JSON object, or its targets are not a list: nothing can be changed safely. */
  | { ok: false; outcome: 'unreadable' };

const TARGETS = ['forwarding', 'targets'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Indents new lines as the file does: its first indented line shows one level (tabs or N spaces). */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}

/** What a merge patch leaves of a value merged into nothing: the same value without its nulls. */
function withoutNulls(value: unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, withoutNulls(field)]),
  );
}

/** RFC 7396 applied as text edits, one member at a time, so untouched members keep their formatting. */
function patchEdits(
  text: string,
  path: (string | number)[],
  current: Json,
  patch: Json,
  formattingOptions: FormattingOptions,
): string {
  let out = text;
  for (const [key, value] of Object.entries(patch)) {
    const at = [...path, key];
    const existing = current[key];
    if (isObject(value) && isObject(existing)) {
      out = patchEdits(out, at, existing, value, formattingOptions);
      continue;
    }
    if (value === null && !(key in current)) continue;
    const replacement = value === null ? undefined : withoutNulls(value);
    out = applyEdits(out, modify(out, at, replacement, { formattingOptions }));
  }
  return out;
}

/** The whitespace before `node` on its line, or null when something else stands there too. */
function lineIndent(text: string, node: Node): string | null {
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  const before = text.slice(lineStart, node.offset);
  return /^[ \t]*$/.test(before) ? before : null;
}

/**
 * A new last element, on its own lines at the indentation of the element before it. jsonc-parser's own
 * formatting would re-lay the whole line it touches, and with it a neighbour written on one line.
 */
function appendAfterLast(
  text: string,
  list: Node,
  value: unknown,
  options: FormattingOptions,
): string | null {
  const last = list.children?.at(-1);
  const indent = last ? lineIndent(text, last) : null;
  if (!last || indent === null) return null;
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
  const eol = options.eol ?? '\n';
  const json = JSON.stringify(value, null, unit).split('\n').join(`${eol}${indent}`);
  const end = last.offset + last.length;
  return `${text.slice(0, end)},${eol}${indent}${json}${text.slice(end)}`;
}

/** Cuts one element with the separator on one side of it, leaving its neighbours' text as it was. */
function removeElement(text: string, list: Node, index: number): string {
  const elements = list.children!;
  const element = elements[index]!;
  const next = elements[index + 1];
  const previous = elements[index - 1];
  if (next) return text.slice(0, element.offset) + text.slice(next.offset);
  if (previous)
    return text.slice(0, previous.offset + previous.length) + text.slice(element.offset + element.length);
  return `${text.slice(0, list.offset + 1)}${text.slice(list.offset + list.length - 1)}`;
}

export function editTargets(text: string | null, change: TargetChange): EditResult {
  // Edited without its byte order mark, which the file keeps.
  if (text?.startsWith(BYTE_ORDER_MARK)) {
    const edited = editTargets(withoutByteOrderMark(text), change);
    return edited.ok ? { ...edited, text: `${BYTE_ORDER_MARK}${edited.text}` } : edited;
  }
  const source = text === null || text.trim() === '' ? '{}\n' : text;
  let config: unknown;
  try {
    config = JSON.parse(source);
  } catch {
    return { ok: false, outcome: 'unreadable' };
  }
  if (!isObject(config)) return { ok: false, outcome: 'unreadable' };
  const forwarding = config.forwarding ?? {};
  const targets = isObject(forwarding) ? (forwarding.targets ?? []) : null;
  if (!Array.isArray(targets)) return { ok: false, outcome: 'unreadable' };

  const formattingOptions = formattingOf(source);
  const name = change.kind === 'add' ? change.target.name : change.name;
  const index = targets.findIndex((target) => isObject(target) && target.name === name);

  const list = findNodeAtLocation(parseTree(source)!, TARGETS);
  if (change.kind === 'add') {
    if (index !== -1) return { ok: false, outcome: 'duplicate' };
    const target = withoutNulls(change.target);
    // A missing or empty list is made by jsonc-parser, laid out like the file.
    const appended =
      (list && appendAfterLast(source, list, target, formattingOptions)) ??
      applyEdits(
        source,
        modify(source, [...TARGETS, -1], target, { formattingOptions, isArrayInsertion: true }),
      );
    return { ok: true, text: appended, index: targets.length };
  }
  if (index === -1) return { ok: false, outcome: 'unknown' };
  if (change.kind === 'remove') return { ok: true, text: removeElement(source, list!, index), index };
  const patched = patchEdits(
    source,
    [...TARGETS, index],
    targets[index] as Json,
    change.patch,
    formattingOptions,
  );
  return { ok: true, text: patched, index };
}
