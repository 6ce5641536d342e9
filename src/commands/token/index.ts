/** `omnibot token generate|rotate`: the HelpDeskEddy bot token, kept in .env, fingerprinted in state. */
import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

function common(cmd: Command): Command {
  return cmd
    .option('--name <integration>', 'the helpdeskeddy-bot integration (default: the only one in the config)')
    .option('--env-var <NAME>', 'the variable to write when the config names none (default: HDE_BOT_TOKEN)')
    .option('--print', 'also print the token on stdout (it is a secret: only where nobody else reads)');
}

export function tokenCommand(): Command {
  const token = new Command('token').description('generate and rotate the bot token (written to .env; only its fingerprint is kept)');
  token.addCommand(
    common(new Command('generate'))
      .description('make a new token (32 random bytes, base64url) and write it to .env; refuses to replace one')
      .addHelpText(
        'after',
        examples([
          ['omnibot token generate', 'the token of the only helpdeskeddy-bot integration, into .env beside the config'],
          ['omnibot token generate --name hde --print', 'and show it once, e.g. to paste into the bot platform'],
        ]),
      )
      .action(lazyAction(() => import('./generate.js'))),
  );
  token.addCommand(
    common(new Command('rotate'))
      .description('replace the token in .env, keep the old fingerprint, and name the manual step to redo')
      .addHelpText('after', examples([['omnibot token rotate --name hde', 'after a leak: new token, then redo the dispatcher step']]))
      .action(lazyAction(() => import('./rotate.js'))),
  );
  // cli.ts makes only top-level commands non-exiting; subcommands need the same, or a bad flag exits 1.
  for (const sub of token.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
  return token;
}
