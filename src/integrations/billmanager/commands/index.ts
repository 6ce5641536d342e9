/**
 * `omnibot billmanager …`: tools for the BILLmanager recipe. Definitions only; the
 * handlers load on use. `billmanager secret …` is added by the commands layer from the
 * recipe's secret definition.
 */
import { Command } from 'commander';
import type { CommandKit } from '../../../kit/integration.js';

function fieldsCommand({ action, examples }: CommandKit): Command {
  const lint = new Command('lint')
    .description('check custom_fields_values.json of the BILLmanager Omnidesk module; errors as file:line:col: message')
    .argument(
      '<file>',
      'path to custom_fields_values.json (on the server: /usr/local/mgr5/etc/omnidesk/custom_fields_values.json)',
    )
    .addHelpText(
      'after',
      `
Rules: valid JSON; a top-level object; unique keys; each value {"entity": "user"|"case",
"name": non-empty, "sql": one SELECT that uses __id__}; unknown keys are warnings.
Exit codes: 0 valid (warnings allowed) · 1 invalid · 2 the file cannot be read.
${examples([
  ['omnibot billmanager fields lint custom_fields_values.json', 'print problems as file:line:col: message'],
  ['omnibot billmanager fields lint values.json --json', 'the same as one JSON document'],
])}`,
    )
    .action(action(() => import('./fields-lint-action.js')));
  return new Command('fields').description('the custom fields BILLmanager fills in Omnidesk').addCommand(lint);
}

export function command(kit: CommandKit): Command {
  return new Command('billmanager').description('BILLmanager integration tools').addCommand(fieldsCommand(kit));
}
