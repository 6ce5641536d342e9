/**
 * `omnibot token generate|rotate`: the secret an integration holds — the HelpDeskEddy bot token,
 * the BILLmanager secret_key — kept in .env, fingerprinted in state. `billmanager secret …` is
 * the same command with the recipe preset, defined with `secretOptions` below.
 */
import { Command } from 'commander';
import { INTEGRATIONS } from '../../integrations/registry.js';
import type { AnyIntegration } from '../../kit/registry.js';
import { examples, lazyAction } from '../lazy-action.js';

/** The flags of every generate/rotate command; `integration` and `envVar` word the defaults. */
export function secretOptions(cmd: Command, integration: string, envVar: string): Command {
  return cmd
    .option('--name <integration>', `the ${integration} integration (default: the only one in the config)`)
    .option('--env-var <NAME>', `the variable to write when the config names none (default: ${envVar})`)
    .option('--print', 'also print the value on stdout (it is a secret: only where nobody else reads)');
}

/** `integrations`: the recipes this run knows; those holding a secret word the flags and examples. */
export function tokenCommand(integrations: readonly AnyIntegration[] = INTEGRATIONS): Command {
  const holders = integrations.flatMap((def) => (def.secret ? [{ name: def.name, ...def.secret }] : []));
  const [first, ...others] = holders;
  const common = (cmd: Command) =>
    secretOptions(
      cmd,
      holders.map((h) => h.name).join(' or '),
      [first?.envVar, ...others.map((h) => `or ${h.envVar} for ${h.name}`)].filter(Boolean).join(', '),
    );
  const token = new Command('token').description(
    "generate and rotate an integration's secret: bot token, BILLmanager secret_key (written to .env; only its " +
      'fingerprint is kept)',
  );
  token.addCommand(
    common(new Command('generate'))
      .description('make a new token (32 random bytes, base64url) and write it to .env; refuses to replace one')
      .addHelpText(
        'after',
        examples([
          [
            'omnibot token generate',
            `the ${first?.field} of the only ` +
              `${first?.name}${others.length ? ` (or ${others.map((h) => h.name).join(', ')})` : ''} integration, ` +
              `into .env beside the config`,
          ],
          [
            `omnibot token generate --name ${first?.defaultName} --print`,
            'and show it once, e.g. to paste into the bot platform',
          ],
          ...others.map((h): [string, string] => [
            `omnibot token generate --name ${h.defaultName}`,
            `a ${h.name} integration's ${h.field}, under the variable its "${h.field}" reads`,
          ]),
        ]),
      )
      .action(lazyAction(() => import('./generate.js'))),
  );
  token.addCommand(
    common(new Command('rotate'))
      .description('replace the token in .env, keep the old fingerprint, and name the manual steps to redo')
      .addHelpText(
        'after',
        examples([
          [
            `omnibot token rotate --name ${first?.defaultName}`,
            `after a leak: new ${first?.field}, then ${first?.redoHint}`,
          ],
        ]),
      )
      .action(lazyAction(() => import('./rotate.js'))),
  );
  // cli.ts makes only top-level commands non-exiting; subcommands need the same, or a bad flag exits 1.
  for (const sub of token.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
  return token;
}
