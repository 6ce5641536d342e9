/**
 * Recipe `helpdeskeddy-bot`: a bot that gets HelpDeskEddy's new tickets and replies
 * through one dispatcher rule's webhook and answers through the API. Everything omnibot knows
 * about it is reached from this definition.
 */
import { defineIntegration } from '../../kit/integration.js';
import { HDE_BOT_TOKEN_VAR } from './secret.js';
import type { HelpdeskeddyBotIntegration } from './schema.js';

export const helpdeskeddyBot = defineIntegration<'helpdeskeddy-bot', HelpdeskeddyBotIntegration, 'helpdeskeddy'>({
  name: 'helpdeskeddy-bot',
  helpdesk: 'helpdeskeddy',
  title: { ru: 'Бот в HelpDeskEddy', en: 'Bot in HelpDeskEddy' },
  seed: '002_560ee3ffd8c00346.txt',
  sampleEvents: ['helpdeskeddy.new_ticket', 'helpdeskeddy.new_reply'],
  schema: () => import('./schema.js'),
  recipe: () => import('./recipe.js'),
  verify: () => import('./checks.js'),
  init: {
    choice: {
      ru: 'helpdeskeddy-bot: бот отвечает на заявки HelpDeskEddy через правило диспетчера',
      en: 'helpdeskeddy-bot: a bot answers HelpDeskEddy tickets through a dispatcher rule',
    },
    flags: [
      { flags: '--agent <email|id>', description: 'staff member cases (tickets) are handed off to' },
      {
        flags: '--webhook-url <url>',
        description: "the bot's or channel's webhook URL (https)",
        note: `may contain \${${HDE_BOT_TOKEN_VAR}}`,
        required: true,
      },
    ],
    examples: [
      [
        "HDE_API_KEY=… omnibot init --recipe helpdeskeddy-bot --url acme --email admin@acme.ru --agent operator@acme.ru --webhook-url 'https://bot.example.com/api/bots/helpdeskeddy_bot/webhook/${HDE_BOT_TOKEN}' --write-env",
        'helpdeskeddy-bot; --write-env also makes HDE_BOT_TOKEN in .env (never printed)',
      ],
    ],
    questions: () => import('./init.js'),
  },
  secret: {
    field: 'token',
    title: 'bot token',
    envVar: HDE_BOT_TOKEN_VAR,
    defaultName: 'hde',
    alsoIn: 'webhookUrl',
    redo: [
      {
        resource: 'dispatcher-rule',
        why: "the dispatcher rule's webhook URL contains the token; paste the new URL there",
      },
    ],
    redoHint: 'redo the dispatcher step, whose URL contains the token',
    afterRotate: 'Restart the bot with the new token too, or it will refuse the new URL.',
  },
  demo: (env) => ({ token: env.tokenRef, webhookUrl: `${env.botUrl}/${env.tokenRef}`, agent: env.agent }),
});
