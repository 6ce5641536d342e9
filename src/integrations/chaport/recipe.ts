/**
 * The resources of `chaport`: the staff statuses (read) and the two auto-close rules (manual
 * steps the sandbox executes).
 */
import type { Resource } from '../../model/resource.js';
import type { ChaportIntegration } from './schema.js';
import { RULE_RESOURCE_IDS, chaportRuleStep, type ChaportRuleKind } from './rules.js';
import { statusesResource } from './statuses.js';

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

/** The recipe module `index.ts` loads on use. */
export function resources(it: ChaportIntegration): Resource[] {
  return chaportResources(it);
}
