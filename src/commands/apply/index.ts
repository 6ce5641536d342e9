import { Command, Option } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function applyCommand(): Command {
  return new Command('apply')
    .description('create what the API allows (idempotent), then present the manual steps')
    .option('--dry-run', 'show what would be created or performed; change nothing')
    .option('-y, --yes', 'do not ask before creating; print the manual steps instead of walking through them')
    .option('--integration <name>', 'only this integration of the config')
    .addOption(new Option('--lang <lang>', 'language of the printed steps (default: ru)').choices(['ru', 'en']))
    .option('--show-secrets', 'show webhook URLs with their tokens in the steps, ready to paste (default: masked)')
    .addHelpText(
      'after',
      `
At a terminal, apply asks before creating anything and then shows the manual steps one at a
time; each step you confirm is recorded in .omnibot/state.json. Against the omnibot sandbox the
steps are performed through its admin path instead. Without a terminal (or with --json) apply
changes nothing unless --yes is given: it prints what it would do and exits 2. With --yes the
manual steps are printed and stay pending until confirmed (at a terminal, or by a passing
\`omnibot verify --e2e\`).
${examples([
  ['omnibot apply --dry-run', 'what would happen'],
  ['omnibot apply', 'at a terminal: create, then walk through the steps'],
  ['omnibot apply --yes --json', 'in a script: create, and get the pending steps as JSON'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
