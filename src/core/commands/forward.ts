/**
 * `sonorancad forward status | test <target> | replay <target>`: what operators need to see and fix; the
 * target changes (list, add, set, enable, disable, remove) are worded in forward-targets.ts.
 */
import type { Forwarder } from '../forward/forwarder';
import type { TestResult } from '../forward/send/test-event';
import type { TargetAdmin } from '../manage/targets';
import { maskUrlsIn } from '../mask-url';
import { runTargetAction, TARGET_ACTIONS } from './forward-targets';
import { laneLine } from './lane-line';
import type { CommandContext, Subcommand } from './router';
import { storageLine } from './storage-line';

const USAGE = `forward status|test <target>|replay <target>|${TARGET_ACTIONS}`;

function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KiB`;
  return `${(count / 1024 / 1024).toFixed(1)} MiB`;
}

function status(forwarder: Forwarder, context: CommandContext, now: number): void {
  const state = forwarder.status();
  if (state.targets.length === 0) {
    context.reply('No forward targets are configured (forwarding.targets in config.json).');
    return;
  }
  const { backlog } = state;
  context.reply(
    `Forwarding: ${backlog.events} undelivered (${bytes(backlog.bytes)}; bounds ${backlog.maxEvents} events, ` +
      `${bytes(backlog.maxBytes)}), journal ${bytes(state.journalBytes)}, dead letters ` +
      `${bytes(state.deadLetterBytes)}, ${state.overflowed} overflowed since start.`,
  );
  const storage = storageLine(state);
  if (storage) context.reply(storage);
  for (const lane of state.targets) context.reply(laneLine(lane, now));
}

function testLine(target: string, { id, outcome, reason }: TestResult): string {
  if (outcome === 'delivered') return `Test event ${id} delivered to "${target}".`;
  if (outcome === 'failed')
    return `Test event ${id} was not delivered to "${target}": ${maskUrlsIn(String(reason))}`;
  return `Test event ${id} is still queued for "${target}"; see "sonorancad forward status".`;
}

export function forwardCommand(forwarder: Forwarder, now: () => number, targets: TargetAdmin): Subcommand {
  return {
    name: 'forward',
    usage: USAGE,
    summary: 'Forward targets: state, a test event, re-queue dead letters; list and change them.',
    async run(context, args) {
      const [action = 'status', target] = args;
      if (action === 'status') return status(forwarder, context, now());
      const changed = runTargetAction(targets, action, args.slice(1));
      if (changed) {
        for (const line of await changed) context.reply(line);
        return;
      }
      if ((action !== 'test' && action !== 'replay') || !target) {
        context.reply(`Usage: sonorancad ${USAGE}`);
        return;
      }
      if (action === 'replay') {
        const count = forwarder.replay(target);
        const off = forwarder.status().targets.find((lane) => lane.name === target)?.off;
        context.reply(
          off
            ? `Re-queued ${count} dead-lettered event(s) for "${target}"; it is off, so they wait until ` +
                `"sonorancad forward enable ${target}".`
            : `Re-queued ${count} dead-lettered event(s) for "${target}".`,
        );
        return;
      }
      context.reply(`Sending a test event to "${target}"…`);
      context.reply(testLine(target, await forwarder.test(target)));
    },
  };
}
