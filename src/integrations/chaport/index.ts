/**
 * Recipe `chaport`: Omnidesk staff statuses reach the linked Chaport operators by
 * whether they grant access to active chats, and two rules finish bot-only chats with the
 * status «в ожидании». Everything omnibot knows about it is reached from this definition.
 */
import { defineIntegration } from '../../kit/integration.js';
import type { ChaportIntegration } from './schema.js';

export const chaport = defineIntegration<'chaport', ChaportIntegration, 'omnidesk'>({
  name: 'chaport',
  helpdesk: 'omnidesk',
  title: { ru: 'Интеграция с Chaport', en: 'Chaport integration' },
  seed: '004_99d0bd73a0876d8e.txt',
  // Chaport talks to Omnidesk itself; omnibot runs no endpoint for it.
  sampleEvents: [],
  schema: () => import('./schema.js'),
  recipe: () => import('./recipe.js'),
  verify: () => import('./checks.js'),
  init: {
    choice: {
      ru: 'chaport: статусы сотрудников Omnidesk передаются в Chaport, чаты только с ботом закрываются сами',
      en: 'chaport: Omnidesk staff statuses reach Chaport, and bot-only chats close themselves',
    },
    flags: [],
    examples: [['omnibot init --append --recipe chaport', 'add Chaport (then: omnibot chaport status-map)']],
    questions: () => import('./init.js'),
  },
  commands: [
    {
      name: 'chaport',
      term: 'chaport',
      description: 'Chaport integration tools',
      load: () => import('./commands/index.js'),
    },
  ],
});
