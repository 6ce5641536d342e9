import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function planCommand(): Command {
  return new Command('plan')
    .description('desired state vs what the helpdesk has: per resource ok, create, manual or unknown')
    .option('--detailed-exitcode', 'exit 4 while anything is to create or a manual step is unconfirmed')
    .option('--integration <name>', 'only this integration of the config')
    .addHelpText(
      'after',
      examples([
        ['omnibot plan', 'a table of every resource and its status'],
        ['omnibot plan --json', 'the same as one JSON document'],
        ['omnibot plan --detailed-exitcode', 'in CI: 0 when nothing is pending, 4 when something is'],
      ]),
    )
    .action(lazyAction(() => import('./action.js')));
}
