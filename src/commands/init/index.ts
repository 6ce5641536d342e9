import { Command, Option } from 'commander';
import { HELPDESKS } from '../../helpdesks/registry.js';
import { INTEGRATIONS } from '../../integrations/registry.js';
import type { AnyIntegration } from '../../kit/registry.js';
import { examples, lazyAction } from '../lazy-action.js';
import { recipeFlags } from './recipes.js';

/** The default recipe of each helpdesk: its first in the registry. */
function defaults(integrations: readonly AnyIntegration[]): string {
  const [first, ...rest] = HELPDESKS.map(
    (h) => [h.kind, integrations.find((d) => d.helpdesk === h.kind)?.name] as const,
  );
  return [first![1], ...rest.map(([kind, name]) => `or ${name} with --helpdesk ${kind}`)].join(', ');
}

/** `integrations`: the recipes this run knows (the registry's; a test may add one). */
export function initCommand(integrations: readonly AnyIntegration[] = INTEGRATIONS): Command {
  const cmd = new Command('init')
    .description('interactive wizard: checks your helpdesk credentials live and writes the config')
    .addOption(
      new Option('--recipe <name>', `what to connect (default: ${defaults(integrations)})`).choices(
        integrations.map((d) => d.name),
      ),
    )
    .addOption(
      new Option('--helpdesk <kind>', `the helpdesk, when no --recipe says it (default: ${HELPDESKS[0].kind})`).choices(
        HELPDESKS.map((h) => h.kind),
      ),
    )
    .option(
      '--url <account>',
      `helpdesk account: acme, ${HELPDESKS.map((h) => `acme.${h.domain}`).join(', ')} or a URL`,
    )
    .option('--email <email>', 'e-mail of the staff member whose API key omnibot uses')
    .option(
      '--api-key-env <NAME>',
      `read the API key from this environment variable (default: ${HELPDESKS.map((h) => h.keyVar).join(', ')}); the ` +
        `key itself is never a flag`,
    );
  // The recipes' own flags, each once, in registry order.
  for (const flag of recipeFlags(integrations)) {
    const option = new Option(flag.flags, flag.description);
    cmd.addOption(flag.choices ? option.choices(flag.choices) : option);
  }
  return cmd
    .option('--name <name>', 'a short id of this integration, unique in the config')
    .option(
      '--write-env',
      'also write to .env (mode 0600) the API key and the bot token or BILLmanager secret init makes; keep .env and ' +
        'omnibot state out of git (.gitignore)',
    )
    .option('-o, --output <file>', 'where to write the config (default: --config, else omnibot.config.json)')
    .option('--append', 'add the integration to the existing config (its connection is reused) instead of refusing')
    .option('--force', 'overwrite an existing config (the old one is kept as <file>.bak)')
    .addOption(
      new Option(
        '--ci <provider>',
        'also write a CI workflow that runs omnibot verify; with an existing config, only the workflow (a second ' +
          'config joins its matrix)',
      ).choices(['github']),
    )
    .addOption(
      new Option('--lang <lang>', 'language of the questions (the steps are in Russian by default too)')
        .choices(['ru', 'en'])
        .default('ru'),
    )
    .option('--ci-package <spec>', `what the workflow installs (default: omnibot@<this version>; a tarball or git URL)`)
    .addHelpText(
      'after',
      `
Every question has a flag; with --no-input (or no terminal) a missing value is exit 2 naming
its flag. The key is never a flag: it comes from the environment (or .env), or is typed hidden.
Omnidesk keys are made at admin account → «Настройки» → «API»; the HelpDeskEddy administrator's
key is at «Управление → Глобальные настройки → Система».
${examples([
  ['omnibot init', 'pick a recipe and answer the questions at a terminal'],
  ...integrations.flatMap((d) => d.init.examples ?? []),
  ['omnibot init --ci github', 'also write .github/workflows/omnibot.yml (only it, when the config exists)'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
