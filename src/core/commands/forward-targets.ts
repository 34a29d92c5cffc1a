/**
 * `sonorancad forward list | add | set | enable | disable | remove`: forward targets changed from the
 * console or by a player with the ACE. Each change is saved to config.json and running before the
 * answer; the answer names header and secret settings, never their values.
 */
import type { ChangeOutcome, ListOutcome, TargetAdmin, TargetView } from '../manage/targets';
import { duration } from './duration';
import { parseAdd, parseSet } from './forward-args';
import type { Subcommand } from './router';

const list = (values: unknown) => (Array.isArray(values) && values.length ? values.join(', ') : 'none');

function describe(target: TargetView): string {
  const parts = [
    `  ${target.name}: ${target.enabled === false ? 'OFF' : 'on'}, ${target.format}, ${target.method} ${target.url}`,
    `events ${list(target.events)}`,
  ];
  if (target.secret) parts.push(`signed with the setting ${target.secret}`);
  if (target.headers.length) parts.push(`headers ${list(target.headers)}`);
  if (target.includeKey) parts.push('sends the key');
  const attempts =
    typeof target.maxAttempts === 'number' ? `${target.maxAttempts} attempts` : 'no attempt limit';
  parts.push(
    `timeout ${duration(Number(target.timeoutSeconds) * 1000)}, ${attempts}, ` +
      `given up after ${duration(Number(target.maxAgeSeconds) * 1000)}`,
  );
  return parts.join('; ');
}

function listing(result: ListOutcome): string[] {
  if (result.outcome !== 'listed') return notChanged(result, 'Cannot list the targets');
  if (result.targets.length === 0) {
    return ['No forward targets in config.json; add one with "sonorancad forward add".'];
  }
  return [`${result.targets.length} forward target(s) in config.json:`, ...result.targets.map(describe)];
}

function notChanged(
  result: Extract<ChangeOutcome | ListOutcome, { problems: unknown }>,
  head = 'Not changed',
): string[] {
  const lines = result.problems.map((problem) => `  ${problem.line}`);
  if (result.outcome === 'broken') return [`${head}: config.json has problems to fix first:`, ...lines];
  return [`${head}:`, ...lines];
}

/** `done`: the sentence for a change that is saved and running. */
function answer(result: ChangeOutcome, done: (name: string) => string): string[] {
  switch (result.outcome) {
    case 'created':
    case 'updated':
      return [done(result.target.name)];
    case 'removed':
      return [done(result.name)];
    case 'unknown':
      return [`No target is named "${result.name}"; see "sonorancad forward list".`];
    case 'duplicate':
      return [`A target named "${result.name}" already exists; change it with "sonorancad forward set".`];
    default:
      return notChanged(result);
  }
}

type Action = (admin: TargetAdmin, args: string[]) => Promise<string[]>;

const needsName =
  (run: (admin: TargetAdmin, name: string) => Promise<string[]>, verb: string): Action =>
  (admin, [name, ...rest]) =>
    name && rest.length === 0
      ? run(admin, name)
      : Promise.resolve([`Usage: sonorancad forward ${verb} <name>`]);

/** The actions, as `forward <action>` lists them in its usage line. */
export const TARGET_ACTIONS = 'list|add|set|enable|disable|remove';

const ACTIONS: Record<string, Action> = {
  list: async (admin) => listing(await admin.list()),
  async add(admin, args) {
    const parsed = parseAdd(args);
    if (!parsed.ok) return [parsed.message];
    return answer(await admin.add(parsed.value), (name) => `Added "${name}"; it is running.`);
  },
  async set(admin, args) {
    const parsed = parseSet(args);
    if (!parsed.ok) return [parsed.message];
    const { name, patch } = parsed.value;
    return answer(await admin.update(name, patch), () => `Changed "${name}"; it is running.`);
  },
  enable: needsName(
    async (admin, name) =>
      answer(
        await admin.update(name, { enabled: true }),
        () => `"${name}" is on: what it has queued is being delivered.`,
      ),
    'enable',
  ),
  disable: needsName(
    async (admin, name) =>
      answer(
        await admin.update(name, { enabled: false }),
        () =>
          `"${name}" is off: nothing new is queued for it; its backlog waits until ` +
          `"sonorancad forward enable ${name}".`,
      ),
    'disable',
  ),
  remove: needsName(
    async (admin, name) =>
      answer(
        await admin.remove(name),
        () => `Removed "${name}"; anything it still had queued went to the dead-letter file.`,
      ),
    'remove',
  ),
};

/** The answer's lines, or null when `action` is not one of these. */
export function runTargetAction(
  admin: TargetAdmin,
  action: string,
  args: string[],
): Promise<string[]> | null {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action]!(admin, args) : null;
}

/** `forward` while config.json keeps the resource from running: only the target changes, which can mend it. */
export function forwardTargetsCommand(targets: TargetAdmin): Subcommand {
  const usage = `forward ${TARGET_ACTIONS}`;
  return {
    name: 'forward',
    usage,
    summary: 'Forward targets in config.json: list and change them.',
    async run(context, [action = 'list', ...args]) {
      const lines = runTargetAction(targets, action, args) ?? [`Usage: sonorancad ${usage}`];
      for (const line of await lines) context.reply(line);
    },
  };
}
