/**
 * Forward targets changed at run time, for the console commands and the relay's management API alike:
 * each change edits config.json's text, is checked by the same schema as the file, written atomically
 * and applied through the reload path, one change at a time, before its answer. Answers are data; the
 * callers word them. They carry header names and secret names, never their values.
 */
import { editTargets, type TargetChange } from '../config/edit-targets';
import { CONFIG_FILE, type ConfigIssue, checkConfig } from '../config/load';
import type { Logger } from '../log';
import { maskUrl } from '../mask-url';
import type { Runtime } from '../runtime';
import { errorMessage } from '../text';
import { createSerialQueue } from './serial-queue';

/** A target as config.json's schema returns it (defaults filled in). */
export interface TargetSettings {
  name: string;
  url: string;
  headers: Record<string, string>;
  [field: string]: unknown;
}

export type ConfigCheck = { ok: true; targets: TargetSettings[] } | { ok: false; issues: ConfigIssue[] };

/** `field`: the target's own field the problem is about (`url`, `headers.X-Team`), null for the file. */
export interface Problem {
  field: string | null;
  message: string;
  line: string;
}

/** What a listing shows: header names without their values, the URL without its credentials (maskUrl). */
export interface TargetView {
  name: string;
  url: string;
  headers: string[];
  [field: string]: unknown;
}

type Failure = { outcome: 'broken' | 'invalid' | 'failed'; problems: Problem[] };
type Missing = { outcome: 'unknown'; name: string };

export type ListOutcome = { outcome: 'listed'; targets: TargetView[] } | Failure;
export type GetOutcome = { outcome: 'found'; target: TargetView } | Missing | Failure;
/** What add, update and remove answer; "duplicate" only comes from add, "unknown" from the others. */
export type ChangeOutcome =
  | { outcome: 'created' | 'updated'; target: TargetView }
  | { outcome: 'removed' | 'unknown' | 'duplicate'; name: string }
  | Failure;

export interface TargetAdmin {
  list(): Promise<ListOutcome>;
  get(name: string): Promise<GetOutcome>;
  /** `input`: a whole target, as in config.json. */
  add(input: unknown): Promise<ChangeOutcome>;
  /** `patch`: an RFC 7396 merge patch of the target; its name cannot change. */
  update(name: string, patch: unknown): Promise<ChangeOutcome>;
  remove(name: string): Promise<ChangeOutcome>;
}

export interface TargetAdminDeps {
  /** config.json's text; null when there is none. */
  read(): string | null;
  /** Replaces config.json atomically; throws when it cannot. */
  write(text: string): void;
  /** The checks config.json gets at start, on a text. */
  check(text: string | null): ConfigCheck;
  /** Applies config.json as `sonorancad reload` does; the problems found, or none. */
  apply(): string[] | Promise<string[]>;
  /** One console line per saved change, whoever made it (console, chat or the management API). */
  saved(line: string): void;
}

const TARGETS_PATH = ['forwarding', 'targets'];

export function targetView(target: TargetSettings): TargetView {
  const { headers, ...rest } = target;
  return { ...rest, url: maskUrl(target.url), headers: Object.keys(headers) };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fileProblem(message: string): Problem {
  return { field: null, message, line: message };
}

const NOT_AN_OBJECT: Failure = { outcome: 'invalid', problems: [fileProblem('expected a JSON object')] };

/** The issues about target `index` name its field; any other issue is about the rest of the file. */
function failureOf(issues: ConfigIssue[], index: number | null): Failure {
  const problems = issues.map((issue): Problem => {
    const [forwarding, targets, at, ...field] = issue.path;
    const own = forwarding === TARGETS_PATH[0] && targets === TARGETS_PATH[1] && at === index;
    return { field: own ? field.map(String).join('.') : null, message: issue.message, line: issue.line };
  });
  // A change is refused for its own fields ("invalid"), or because the file was broken before it.
  return { outcome: problems.some((problem) => problem.field !== null) ? 'invalid' : 'broken', problems };
}

function summary(edit: TargetChange): string {
  if (edit.kind === 'add') return `forward target "${String(edit.target.name)}" added`;
  if (edit.kind === 'remove') return `forward target "${edit.name}" removed`;
  return `forward target "${edit.name}" changed (${Object.keys(edit.patch).join(', ') || 'nothing'})`;
}

type Edited =
  | { outcome: 'changed'; target: TargetSettings | undefined }
  | Exclude<ChangeOutcome, { target: TargetView }>;

export function createTargetAdmin(deps: TargetAdminDeps): TargetAdmin {
  const queue = createSerialQueue();

  const targets = (): TargetSettings[] | Failure => {
    const checked = deps.check(deps.read());
    return checked.ok ? checked.targets : failureOf(checked.issues, null);
  };

  /** Edit, check, write, apply: the answer goes out only once the new configuration runs. */
  const change = async (edit: TargetChange): Promise<Edited> => {
    const text = deps.read();
    const edited = editTargets(text, edit);
    if (!edited.ok) {
      const name = edit.kind === 'add' ? String(edit.target.name) : edit.name;
      if (edited.outcome !== 'unreadable') return { outcome: edited.outcome, name };
      const checked = deps.check(text);
      return checked.ok ? NOT_AN_OBJECT : failureOf(checked.issues, null);
    }
    const checked = deps.check(edited.text);
    if (!checked.ok) return failureOf(checked.issues, edit.kind === 'remove' ? null : edited.index);
    try {
      deps.write(edited.text);
    } catch (error) {
      const message = `config.json could not be written, so nothing changed: ${errorMessage(error)}`;
      return { outcome: 'failed', problems: [fileProblem(message)] };
    }
    deps.saved(`config.json saved: ${summary(edit)}.`);
    const problems = await deps.apply();
    if (problems.length > 0) return { outcome: 'failed', problems: problems.map(fileProblem) };
    return { outcome: 'changed', target: checked.targets[edited.index] };
  };

  const answer = async (edited: Promise<Edited>, outcome: 'created' | 'updated'): Promise<ChangeOutcome> => {
    const result = await edited;
    return result.outcome === 'changed' ? { outcome, target: targetView(result.target!) } : result;
  };

  return {
    list: () =>
      queue.run((): ListOutcome => {
        const found = targets();
        return Array.isArray(found) ? { outcome: 'listed', targets: found.map(targetView) } : found;
      }),
    get: (name) =>
      queue.run((): GetOutcome => {
        const found = targets();
        if (!Array.isArray(found)) return found;
        const target = found.find((candidate) => candidate.name === name);
        return target ? { outcome: 'found', target: targetView(target) } : { outcome: 'unknown', name };
      }),
    add: (input) =>
      queue.run(() =>
        isObject(input) ? answer(change({ kind: 'add', target: input }), 'created') : NOT_AN_OBJECT,
      ),
    update: (name, patch) =>
      queue.run(() => {
        if (!isObject(patch)) return NOT_AN_OBJECT;
        if (patch.name !== undefined && patch.name !== name) {
          const message = 'cannot change: remove the target and add it under the new name';
          return { outcome: 'invalid', problems: [{ field: 'name', message, line: `name: ${message}` }] };
        }
        return answer(change({ kind: 'patch', name, patch }), 'updated');
      }),
    remove: (name) =>
      queue.run(async (): Promise<ChangeOutcome> => {
        const result = await change({ kind: 'remove', name });
        return result.outcome === 'changed' ? { outcome: 'removed', name } : result;
      }),
  };
}

/** The admin of the host's own config.json, checked with the host's settings as at start. */
export function targetAdminFor(
  host: Pick<Runtime, 'readFile' | 'writeFile' | 'setting'>,
  apply: TargetAdminDeps['apply'],
  log: Logger,
): TargetAdmin {
  return createTargetAdmin({
    read: () => host.readFile(CONFIG_FILE),
    write: (text) => host.writeFile(CONFIG_FILE, text),
    check(text) {
      const checked = checkConfig(host, text);
      return checked.ok ? { ok: true, targets: checked.loaded.config.forwarding.targets } : checked;
    },
    apply,
    saved: (line) => log.info(line),
  });
}
