/** `sonorancad reload`: re-reads config.json; a broken file changes nothing and is explained by field. */
import type { Subcommand } from './router';

/** Returns the problems found, or an empty list once the new configuration runs. */
export type Reload = () => string[];

export function reloadCommand(reload: Reload): Subcommand {
  return {
    name: 'reload',
    usage: 'reload',
    summary: 'Re-read config.json and apply it; a broken file keeps what runs.',
    run(context) {
      const problems = reload();
      if (problems.length === 0) {
        context.reply('config.json reloaded: the new configuration is running.');
        return;
      }
      context.reply('config.json was not applied; what ran before keeps running:');
      for (const problem of problems) context.reply(`  ${problem}`);
    },
  };
}
