/**
 * Recipe `omnidesk-bot`: a bot that answers Omnidesk cases through two rule
 * webhooks and hands off to an agent by removing its label. Everything omnibot knows about it
 * is reached from this definition.
 */
import { defineIntegration } from '../../kit/integration.js';
import type { OmnideskBotIntegration } from './schema.js';

export const omnideskBot = defineIntegration<'omnidesk-bot', OmnideskBotIntegration, 'omnidesk'>({
  name: 'omnidesk-bot',
  helpdesk: 'omnidesk',
  title: { ru: 'Бот в Omnidesk', en: 'Bot in Omnidesk' },
  seed: '000_4396ec49e1174e2f.txt',
  sampleEvents: ['omnidesk.incoming', 'omnidesk.changed'],
  schema: () => import('./schema.js'),
  recipe: () => import('./recipe.js'),
  verify: () => import('./checks.js'),
  init: {
    choice: {
      ru: 'omnidesk-bot: бот отвечает на обращения Omnidesk со своей меткой и передаёт их оператору',
      en: 'omnidesk-bot: a bot answers Omnidesk cases that carry its label, and hands off to an agent',
    },
    flags: [
      { flags: '--agent <email|id>', description: 'staff member cases (tickets) are handed off to', required: true },
      {
        flags: '--label <title>',
        description: "the bot's label (an existing one, or a new one apply creates)",
        required: true,
      },
      { flags: '--webhook-url <url>', description: "the bot's or channel's webhook URL (https)", required: true },
      { flags: '--reply-as-note', description: "the bot's answer goes in as a note, seen by staff only" },
      { flags: '--no-reply-as-note', description: 'the bot answers customers directly (the default)' },
    ],
    examples: [
      [
        'OMNIDESK_API_KEY=… omnibot init --no-input --url acme --email admin@acme.ru --agent operator@acme.ru --label wikibot --webhook-url https://bot.example.com/omnidesk',
        'omnidesk-bot without questions (the key comes from the environment)',
      ],
    ],
    questions: () => import('./init.js'),
  },
  demo: (env) => ({ webhookUrl: env.botUrl, label: env.label, agent: env.agent, replyAsNote: false }),
});
