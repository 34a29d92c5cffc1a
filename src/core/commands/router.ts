/**
 * The `sonorancad <subcommand>` console command. Features add subcommands; the router handles access
 * (console always, players only with an ACE) and where the answer goes (console or the player's chat).
 */
import { NetEvents } from '../../shared/events';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';
import { errorMessage } from '../text';

export const COMMAND = 'sonorancad';
/** Players need this ACE (or the subcommand's own) to run operator commands. */
export const ADMIN_ACE = 'sonorancad.admin';

export interface CommandContext {
  /** 0 for the server console, else the player's server id. */
  source: number;
  reply(line: string): void;
}

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  /** ACE a player needs; defaults to ADMIN_ACE. */
  ace?: string;
  run(context: CommandContext, args: string[]): void | Promise<void>;
}

export interface CommandRouter {
  add(subcommand: Subcommand): void;
  /** Runs a command line as if typed (used by tests of other hosts and by the relay's stdin). */
  run(source: number, args: string[]): void;
}

/** Where a command's answer goes: the console for source 0, else the player's chat under `title`. */
export function replyTo(
  runtime: Pick<Runtime, 'emitNet'>,
  source: number,
  title: string,
  toConsole: (line: string) => void,
): (line: string) => void {
  return (line) => {
    if (source === 0) toConsole(line);
    else runtime.emitNet(NetEvents.ChatMessage, source, { args: [title, line] });
  };
}

export function createCommandRouter(runtime: Runtime, log: Logger): CommandRouter {
  const subcommands = new Map<string, Subcommand>();

  const contextFor = (source: number): CommandContext => ({
    source,
    reply: replyTo(runtime, source, COMMAND, (line) => log.info(line)),
  });

  const help = (context: CommandContext) => {
    context.reply(`Usage: ${COMMAND} <command>`);
    for (const sub of subcommands.values()) context.reply(`  ${sub.usage.padEnd(34)} ${sub.summary}`);
  };

  const run = (source: number, args: string[]) => {
    const context = contextFor(source);
    const [name = 'help', ...rest] = args;
    const sub = subcommands.get(name.toLowerCase());
    if (!sub) {
      if (name.toLowerCase() !== 'help') context.reply(`Unknown command "${name}".`);
      help(context);
      return;
    }
    if (source !== 0 && !runtime.players.isAceAllowed(source, sub.ace ?? ADMIN_ACE)) {
      context.reply(`You need the ACE ${sub.ace ?? ADMIN_ACE} to run "${COMMAND} ${sub.name}".`);
      return;
    }
    try {
      const result = sub.run(context, rest);
      if (result instanceof Promise)
        result.catch((error: unknown) => context.reply(`Failed: ${errorMessage(error)}`));
    } catch (error) {
      context.reply(`Failed: ${errorMessage(error)}`);
    }
  };

  runtime.registerCommand(COMMAND, run);
  return {
    add(subcommand) {
      subcommands.set(subcommand.name.toLowerCase(), subcommand);
    },
    run,
  };
}
