import { Command, Option } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function initCommand(): Command {
  return new Command('init')
    .description('interactive wizard: checks your helpdesk credentials live and writes the config')
    .addOption(new Option('--helpdesk <kind>', 'the helpdesk (default: omnidesk)').choices(['omnidesk']))
    .option('--url <account>', 'Omnidesk account: acme, acme.omnidesk.ru or a URL')
    .option('--email <email>', 'e-mail of the staff member whose API key omnibot uses')
    .option('--api-key-env <NAME>', 'read the API key from this environment variable (default: OMNIDESK_API_KEY); the key itself is never a flag')
    .option('--agent <email|id>', 'staff member cases are handed off to')
    .option('--label <title>', "the bot's label (an existing one, or a new one apply creates)")
    .option('--webhook-url <url>', "the bot's webhook URL (https)")
    .option('--reply-as-note', "the bot's answer goes in as a note, seen by staff only")
    .option('--no-reply-as-note', 'the bot answers customers directly (the default)')
    .option('--name <name>', 'a short id of this integration (default: from the label)')
    .option('--write-env', 'also write the API key to .env (mode 0600) and ignore .env and .omnibot/ in .gitignore')
    .option('-o, --output <file>', 'where to write the config (default: omnibot.config.json)')
    .option('--force', 'overwrite an existing config (the old one is kept as <file>.bak)')
    .addOption(new Option('--ci <provider>', 'also write a CI workflow that runs omnibot verify').choices(['github']))
    .addHelpText(
      'after',
      `
Every question has a flag; with --no-input (or no terminal) a missing value is exit 2 naming
its flag. The API key is made in Omnidesk at: admin account → «Настройки» → «API».
${examples([
  ['omnibot init', 'answer the questions at a terminal'],
  [
    'OMNIDESK_API_KEY=… omnibot init --no-input --url acme --email admin@acme.ru --agent operator@acme.ru --label wikibot --webhook-url https://bot.example.com/omnidesk',
    'the same without questions (the key comes from the environment)',
  ],
  ['omnibot init --ci github', 'also write .github/workflows/omnibot.yml'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
