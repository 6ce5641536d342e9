/**
 * Recipe `helpdeskeddy-bot` (seed 002): a bot that gets HelpDeskEddy's new tickets and replies
 * through one dispatcher rule's webhook and answers through the API. Resources in the seed's
 * order, plus what the seed leaves out: the loop guard (inside the rule), the support request,
 * the visibility option and the security checklist.
 */
import type { HelpdeskeddyBotIntegration } from '../../config/schema.js';
import type { Recipe, Resource } from '../../model/resource.js';
import { adminKeyResource } from './admin-key.js';
import { agentResource } from './agent.js';
import { botTokenResource } from './bot-token.js';
import { dispatcherRuleResource } from './dispatcher-rule.js';
import { channelsResource, dialogsVisibilityResource, securityResource, supportRequestResource } from './notes.js';

export const recipe: Recipe = {
  name: 'helpdeskeddy-bot',
  helpdesk: 'helpdeskeddy',
  title: { ru: 'Бот в HelpDeskEddy', en: 'Bot in HelpDeskEddy' },
  seed: '002_560ee3ffd8c00346.txt',
  sampleEvents: ['helpdeskeddy.new_ticket', 'helpdeskeddy.new_reply'],
  resources(integration) {
    const it = integration as HelpdeskeddyBotIntegration;
    const resources: Resource[] = [adminKeyResource(), botTokenResource()];
    if (it.agent) resources.push(agentResource(it.agent));
    resources.push(channelsResource(), dispatcherRuleResource(), supportRequestResource(), dialogsVisibilityResource(), securityResource());
    return resources;
  },
};
