/**
 * `omnibot token generate|rotate`: the secret an integration holds — the HelpDeskEddy bot token,
 * the BILLmanager secret_key — kept in .env, fingerprinted in state. `billmanager secret …` is
 * the same command with the recipe preset, defined with `secretOptions` below.
 */
import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

/** The flags of every generate/rotate command; `integration` and `envVar` word the defaults. */
export function secretOptions(cmd: Command, integration: string, envVar: string): Command {
  return cmd
    .option('--name <integration>', `the ${integration} integration (default: the only one in the config)`)
    .option('--env-var <NAME>', `the variable to write when the config names none (default: ${envVar})`)
    .option('--print', 'also print the value on stdout (it is a secret: only where nobody else reads)');
}

const common = (cmd: Command) => secretOptions(cmd, 'helpdeskeddy-bot or billmanager', 'HDE_BOT_TOKEN, or BILLMANAGER_SECRET for billmanager');

export function tokenCommand(): Command {
  const token = new Command('token').description("generate and rotate an integration's secret: bot token, BILLmanager secret_key (written to .env; only its fingerprint is kept)");
  token.addCommand(
    common(new Command('generate'))
      .description('make a new token (32 random bytes, base64url) and write it to .env; refuses to replace one')
      .addHelpText(
        'after',
        examples([
          ['omnibot token generate', 'the token of the only helpdeskeddy-bot (or billmanager) integration, into .env beside the config'],
          ['omnibot token generate --name hde --print', 'and show it once, e.g. to paste into the bot platform'],
          ['omnibot token generate --name bm', "a billmanager integration's secret, under the variable its \"secret\" reads"],
        ]),
      )
      .action(lazyAction(() => import('./generate.js'))),
  );
  token.addCommand(
    common(new Command('rotate'))
      .description('replace the token in .env, keep the old fingerprint, and name the manual steps to redo')
      .addHelpText('after', examples([['omnibot token rotate --name hde', 'after a leak: new token, then redo the dispatcher step']]))
      .action(lazyAction(() => import('./rotate.js'))),
  );
  // cli.ts makes only top-level commands non-exiting; subcommands need the same, or a bad flag exits 1.
  for (const sub of token.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
  return token;
}
