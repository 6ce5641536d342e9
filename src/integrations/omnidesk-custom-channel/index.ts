/**
 * Recipe `omnidesk-custom-channel`: a custom channel whose staff replies Omnidesk
 * POSTs to the integration's Webhook URL as `message_new`. Everything omnibot knows about it
 * is reached from this definition.
 */
import { defineIntegration } from '../../kit/integration.js';
import type { CustomChannelIntegration } from './schema.js';

export const omnideskCustomChannel = defineIntegration<'omnidesk-custom-channel', CustomChannelIntegration, 'omnidesk'>(
  {
    name: 'omnidesk-custom-channel',
    helpdesk: 'omnidesk',
    title: { ru: 'Кастомный канал связи', en: 'Custom channel' },
    seed: '001_98ab9433b15c2ae1.txt',
    sampleEvents: ['omnidesk.message_new'],
    schema: () => import('./schema.js'),
    recipe: () => import('./recipe.js'),
    verify: () => import('./checks.js'),
    init: {
      choice: {
        ru: 'omnidesk-custom-channel: ваше приложение общается с Omnidesk через кастомный канал',
        en: 'omnidesk-custom-channel: your app talks to Omnidesk through a custom channel',
      },
      flags: [
        { flags: '--title <title>', description: 'the channel title in Omnidesk', required: true },
        { flags: '--webhook-url <url>', description: "the bot's or channel's webhook URL (https)", required: true },
        {
          flags: '--type <type>',
          description: 'async, like e-mail (default), or sync, like a chat',
          choices: ['async', 'sync'],
        },
      ],
      examples: [
        [
          'omnibot init --append --recipe omnidesk-custom-channel --title "Mobile app" --webhook-url https://app.example.com/omnidesk/replies --type sync',
          'add a custom channel to the config, reusing its Omnidesk connection',
        ],
      ],
      questions: () => import('./init.js'),
    },
  },
);
