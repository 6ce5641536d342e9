/**
 * Recipe `chaport` (seed 004): Omnidesk staff statuses reach the linked Chaport operators by
 * whether they grant access to active chats, and two rules finish bot-only chats with the
 * status «в ожидании». The rules are manual steps the sandbox executes; the statuses are read.
 */
import type { ChaportIntegration, Config, Integration } from '../../config/schema.js';
import type { Recipe, Resource } from '../../model/resource.js';
import { RULE_RESOURCE_IDS, chaportRuleStep, type ChaportRuleKind } from './rules.js';
import { statusesResource } from './statuses.js';

export const SEED = '004_99d0bd73a0876d8e.txt';

function ruleResource(it: ChaportIntegration, kind: ChaportRuleKind): Resource {
  const step = chaportRuleStep(it, kind);
  return {
    id: RULE_RESOURCE_IDS[kind],
    kind: 'omnidesk.rule',
    title: step.title,
    mode: 'manual',
    describe: ({ config }) => chaportRuleStep(it, kind, config.omnidesk?.url),
  };
}

export function chaportResources(it: ChaportIntegration): Resource[] {
  return [statusesResource(it), ruleResource(it, 'incoming'), ruleResource(it, 'changed')];
}

export const recipe: Recipe = {
  name: 'chaport',
  helpdesk: 'omnidesk',
  title: { ru: 'Интеграция с Chaport', en: 'Chaport integration' },
  seed: SEED,
  // Chaport talks to Omnidesk itself; omnibot runs no endpoint for it.
  sampleEvents: [],
  resources(integration: Integration, _config: Config) {
    if (integration.recipe !== 'chaport') throw new TypeError(`not a chaport integration: ${integration.recipe}`);
    return chaportResources(integration);
  },
};
