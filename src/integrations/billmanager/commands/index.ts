/**
 * `omnibot billmanager …`: tools for the BILLmanager recipe (seed 003). Definitions only; the
 * handlers load on use.
 */
import { Command } from 'commander';
import { examples, lazyAction } from '../../../commands/lazy-action.js';
import { secretOptions } from '../../../commands/token/index.js';

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

/** An alias of `omnibot token generate|rotate` with the recipe preset (the steps and hints name it). */
function secretCommand(): Command {
  const common = (c: Command) => secretOptions(c, 'billmanager', 'BILLMANAGER_SECRET');
  const generate = common(new Command('generate'))
    .description('make the secret_key (32 random bytes, base64url, like every omnibot token) and write it to .env; refuses to replace one')
    .addHelpText(
      'after',
      examples([
        ['omnibot billmanager secret generate', 'into .env under the variable the config\'s "secret" reads'],
        ['omnibot billmanager secret generate --print', 'and show it once, to paste into BILLmanager\'s secret_key'],
      ]),
    )
    .action(lazyAction(() => import('./secret-generate.js')));
  const rotate = common(new Command('rotate'))
    .description('replace the secret in .env, keep the old fingerprint, and name the steps to redo')
    .action(lazyAction(() => import('./secret-rotate.js')));
  return new Command('secret')
    .description('the secret_key shared by the channel’s Webhook URL and BILLmanager (the same as `omnibot token … --name <billmanager>`)')
    .addCommand(generate)
    .addCommand(rotate);
}

export function billmanagerCommand(): Command {
  const cmd = new Command('billmanager').description('BILLmanager integration tools (seed 003)').addCommand(fieldsCommand()).addCommand(secretCommand());
  // cli.ts makes only top-level commands throw instead of exiting; nested ones need it too.
  const strict = (c: Command): void => {
    c.exitOverride().showHelpAfterError('(run with --help for usage)');
    c.commands.forEach(strict);
  };
  cmd.commands.forEach(strict);
  return cmd;
}
