import { Command, Option } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

const RECIPES = ['omnidesk-bot', 'helpdeskeddy-bot', 'omnidesk-custom-channel', 'billmanager', 'chaport'];

export function initCommand(): Command {
  return new Command('init')
    .description('interactive wizard: checks your helpdesk credentials live and writes the config')
    .addOption(new Option('--recipe <name>', 'what to connect (default: omnidesk-bot, or helpdeskeddy-bot with --helpdesk helpdeskeddy)').choices(RECIPES))
    .addOption(new Option('--helpdesk <kind>', 'the helpdesk, when no --recipe says it (default: omnidesk)').choices(['omnidesk', 'helpdeskeddy']))
    .option('--url <account>', 'helpdesk account: acme, acme.omnidesk.ru, acme.helpdeskeddy.com or a URL')
    .option('--email <email>', 'e-mail of the staff member whose API key omnibot uses')
    .option('--api-key-env <NAME>', 'read the API key from this environment variable (default: OMNIDESK_API_KEY, HDE_API_KEY); the key itself is never a flag')
    .option('--agent <email|id>', 'staff member cases (tickets) are handed off to')
    .option('--label <title>', "omnidesk-bot: the bot's label (an existing one, or a new one apply creates)")
    .option('--webhook-url <url>', "the bot's or channel's webhook URL (https); helpdeskeddy-bot: may contain ${HDE_BOT_TOKEN}")
    .option('--reply-as-note', "omnidesk-bot: the bot's answer goes in as a note, seen by staff only")
    .option('--no-reply-as-note', 'omnidesk-bot: the bot answers customers directly (the default)')
    .option('--title <title>', 'omnidesk-custom-channel: the channel title in Omnidesk')
    .addOption(new Option('--type <type>', 'omnidesk-custom-channel: async, like e-mail (default), or sync, like a chat').choices(['async', 'sync']))
    .option('--billmanager-url <url>', 'billmanager: the BILLmanager address (https)')
    .option('--integration-staff <email>', 'billmanager: the Omnidesk staff member the integration acts as (default: the API user)')
    .option('--name <name>', 'a short id of this integration, unique in the config')
    .option('--write-env', 'also write to .env (mode 0600) the API key and the bot token or BILLmanager secret init makes; keep .env and omnibot state out of git (.gitignore)')
    .option('-o, --output <file>', 'where to write the config (default: --config, else omnibot.config.json)')
    .option('--append', 'add the integration to the existing config (its connection is reused) instead of refusing')
    .option('--force', 'overwrite an existing config (the old one is kept as <file>.bak)')
    .addOption(new Option('--ci <provider>', 'also write a CI workflow that runs omnibot verify').choices(['github']))
    .addHelpText(
      'after',
      `
Every question has a flag; with --no-input (or no terminal) a missing value is exit 2 naming
its flag. The key is never a flag: it comes from the environment (or .env), or is typed hidden.
Omnidesk keys are made at admin account → «Настройки» → «API»; the HelpDeskEddy administrator's
key is at «Управление → Глобальные настройки → Система».
${examples([
  ['omnibot init', 'pick a recipe and answer the questions at a terminal'],
  [
    'OMNIDESK_API_KEY=… omnibot init --no-input --url acme --email admin@acme.ru --agent operator@acme.ru --label wikibot --webhook-url https://bot.example.com/omnidesk',
    'omnidesk-bot without questions (the key comes from the environment)',
  ],
  [
    "HDE_API_KEY=… omnibot init --recipe helpdeskeddy-bot --url acme --email admin@acme.ru --agent operator@acme.ru --webhook-url 'https://bot.example.com/api/bots/helpdeskeddy_bot/webhook/${HDE_BOT_TOKEN}' --write-env",
    'helpdeskeddy-bot; --write-env also makes HDE_BOT_TOKEN in .env (never printed)',
  ],
  [
    'omnibot init --append --recipe omnidesk-custom-channel --title "Mobile app" --webhook-url https://app.example.com/omnidesk/replies --type sync',
    'add a custom channel to the config, reusing its Omnidesk connection',
  ],
  [
    'omnibot init --append --recipe billmanager --billmanager-url https://my.example.com --integration-staff billing@acme.ru --write-env',
    'add BILLmanager; --write-env makes BILLMANAGER_SECRET in .env',
  ],
  ['omnibot init --append --recipe chaport', 'add Chaport (then: omnibot chaport status-map)'],
  ['omnibot init --ci github', 'also write .github/workflows/omnibot.yml'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
