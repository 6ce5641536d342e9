/**
 * The resources of `omnidesk-bot`, in the prescribed order: the API key, the label, the agent, the
 * two rules, and the reply-as-note option.
 */
import type { Resource } from '../../model/resource.js';
import { agentResource } from './agent.js';
import { apiKeyResource } from './credentials.js';
import { labelResource } from './label.js';
import { replyAsNoteResource } from './reply-as-note.js';
import { ruleResources } from './rules.js';
import type { OmnideskBotIntegration } from './schema.js';

export function resources(it: OmnideskBotIntegration): Resource[] {
  return [
    apiKeyResource(),
    labelResource(it.label),
    agentResource(it.agent),
    ...ruleResources(it),
    replyAsNoteResource(it.replyAsNote),
  ];
}
