/**
 * `omnibot billmanager …`: tools for the BILLmanager recipe (seed 003). Definitions only; the
 * handlers load on use.
 */
import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

function fieldsCommand(): Command {
  const lint = new Command('lint')
    .description('check custom_fields_values.json of the BILLmanager Omnidesk module; errors as file:line:col: message')
    .argument('<file>', 'path to custom_fields_values.json (on the server: /usr/local/mgr5/etc/omnidesk/custom_fields_values.json)')
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
    .action(lazyAction(() => import('./fields-lint-action.js')));
  return new Command('fields').description('the custom fields BILLmanager fills in Omnidesk').addCommand(lint);
}

export function billmanagerCommand(): Command {
  const cmd = new Command('billmanager').description('BILLmanager integration tools (seed 003)').addCommand(fieldsCommand());
  // cli.ts makes only top-level commands throw instead of exiting; nested ones need it too.
  const strict = (c: Command): void => {
    c.exitOverride().showHelpAfterError('(run with --help for usage)');
    c.commands.forEach(strict);
  };
  cmd.commands.forEach(strict);
  return cmd;
}
