/**
 * `omnibot chaport …`: tools for the Chaport recipe. Definitions only; the handlers
 * load on use.
 */
import { Command } from 'commander';
import type { CommandKit } from '../../../kit/integration.js';

export function command({ action, examples }: CommandKit): Command {
  const statusMap = new Command('status-map')
    .description('which Chaport status each Omnidesk staff member gets, from their current staff status')
    .option('--integration <name>', 'the chaport integration whose statuses config to use (default: the only one)')
    .addHelpText(
      'after',
      `
Rule (seed 004): online, or a custom status with access to active chats → online; offline,
«без чатов», or a custom status without it → offline after offlineDelayMinutes.
SOURCE says where the answer comes from: read (the API), configured (the config's
statuses), unknown (neither; a hint names the config key to set).
${examples([
  ['omnibot chaport status-map', 'a table per staff member'],
  ['omnibot chaport status-map --json', 'the same as JSON'],
])}`,
    )
    .action(action(() => import('./status-map-action.js')));
  return new Command('chaport').description('Chaport integration tools').addCommand(statusMap);
}
