/**
 * Recipe `billmanager`: BILLmanager syncs its requests with Omnidesk through a custom
 * channel whose Webhook is BILLmanager's CGI with a shared secret. Everything omnibot knows
 * about it is reached from this definition.
 */
import { defineIntegration } from '../../kit/integration.js';
import type { BillmanagerIntegration } from './schema.js';
import { BILLMANAGER_SECRET_VAR } from './webhook.js';

export const billmanager = defineIntegration<'billmanager', BillmanagerIntegration, 'omnidesk'>({
  name: 'billmanager',
  helpdesk: 'omnidesk',
  title: { ru: 'Интеграция BILLmanager с Омнидеском', en: 'BILLmanager integration' },
  seed: '003_6770d9d89a787388.txt',
  sampleEvents: ['omnidesk.message_new'],
  schema: () => import('./schema.js'),
  recipe: () => import('./recipe.js'),
  verify: () => import('./checks.js'),
  init: {
    choice: {
      ru: 'billmanager: BILLmanager и Omnidesk обмениваются обращениями через кастомный канал',
      en: 'billmanager: BILLmanager and Omnidesk exchange tickets through a custom channel',
    },
    flags: [
      { flags: '--billmanager-url <url>', description: 'the BILLmanager address (https)', required: true },
      {
        flags: '--integration-staff <email>',
        description: 'the Omnidesk staff member the integration acts as (default: the API user)',
      },
    ],
    examples: [
      [
        'omnibot init --append --recipe billmanager --billmanager-url https://my.example.com --integration-staff billing@acme.ru --write-env',
        'add BILLmanager; --write-env makes BILLMANAGER_SECRET in .env',
      ],
    ],
    questions: () => import('./init.js'),
  },
  secret: {
    field: 'secret',
    title: 'BILLmanager secret',
    envVar: BILLMANAGER_SECRET_VAR,
    defaultName: 'billmanager',
    redo: [
      { resource: 'custom-channel', why: 'the channel’s Webhook URL ends with it' },
      { resource: 'bm-params', why: 'BILLmanager’s secret_key must equal it' },
    ],
    redoHint: "redo the channel's Webhook URL and BILLmanager's secret_key",
    alias: {
      description:
        'the secret_key shared by the channel’s Webhook URL and BILLmanager (the same as `omnibot token … --name ' +
        '<billmanager>`)',
      generate:
        'make the secret_key (32 random bytes, base64url, like every omnibot token) and write it to .env; refuses to ' +
        'replace one',
      rotate: 'replace the secret in .env, keep the old fingerprint, and name the steps to redo',
      examples: [
        ['omnibot billmanager secret generate', 'into .env under the variable the config\'s "secret" reads'],
        ['omnibot billmanager secret generate --print', "and show it once, to paste into BILLmanager's secret_key"],
      ],
    },
  },
  commands: [
    {
      name: 'billmanager',
      term: 'billmanager',
      description: 'BILLmanager integration tools',
      load: () => import('./commands/index.js'),
    },
  ],
});
