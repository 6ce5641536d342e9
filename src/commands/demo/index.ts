import { HELPDESKS } from '../../helpdesks/registry.js';
import { Command, Option } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('the whole job, offline: sandbox + reference bot + apply + verify --e2e, with the timeline')
    .addOption(
      new Option('--helpdesk <name>', 'which helpdesk to play')
        .choices(HELPDESKS.map((h) => h.kind))
        .default(HELPDESKS[0].kind),
    )
    .option(
      '--keep',
      'keep the sandbox, the reference bot and the demo config running until Ctrl-C, to try other commands',
    )
    .addHelpText(
      'after',
      `
Nothing leaves this machine: the helpdesk is the built-in sandbox on 127.0.0.1, the bot is
omnibot's reference bot, and the config lives in a temporary folder that is removed afterwards (after Ctrl-C with ' +
  '--keep)'
${examples([
  ['omnibot demo', 'about two seconds; prints the round trip as it happens'],
  ['omnibot demo --json', 'the apply result and the verify report as one JSON document'],
  ['omnibot demo --keep', 'then, in another terminal: omnibot plan --config <the printed file>'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
