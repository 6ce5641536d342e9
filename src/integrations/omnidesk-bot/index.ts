/**
 * Recipe `omnidesk-bot` (seed 000): a bot that answers Omnidesk cases through two rule
 * webhooks and hands off to an agent by removing its label.
 */
import type { OmnideskBotIntegration } from '../../config/schema.js';
import type { Recipe } from '../../model/resource.js';
import { agentResource } from './agent.js';
import { apiKeyResource } from './credentials.js';
import { labelResource } from './label.js';
import { replyAsNoteResource } from './reply-as-note.js';
import { ruleResources } from './rules.js';

export const recipe: Recipe = {
  name: 'omnidesk-bot',
  helpdesk: 'omnidesk',
  title: { ru: 'Бот в Omnidesk', en: 'Bot in Omnidesk' },
  seed: '000_4396ec49e1174e2f.txt',
  sampleEvents: ['omnidesk.incoming', 'omnidesk.changed'],
  resources(integration) {
    const it = integration as OmnideskBotIntegration;
    return [apiKeyResource(), labelResource(it.label), agentResource(it.agent), ...ruleResources(), replyAsNoteResource(it.replyAsNote)];
  },
};
