/**
 * The resources of `helpdeskeddy-bot`, in the prescribed order, plus what they leave out: the
 * loop guard (inside the rule), the support request, the visibility option and the security
 * checklist.
 */
import type { Resource } from '../../model/resource.js';
import { adminKeyResource } from './admin-key.js';
import { agentResource } from './agent.js';
import { botTokenResource } from './bot-token.js';
import { dispatcherRuleResource } from './dispatcher-rule.js';
import { channelsResource, dialogsVisibilityResource, securityResource, supportRequestResource } from './notes.js';
import type { HelpdeskeddyBotIntegration } from './schema.js';

export function resources(it: HelpdeskeddyBotIntegration): Resource[] {
  const list: Resource[] = [adminKeyResource(), botTokenResource(it)];
  if (it.agent) list.push(agentResource(it.agent));
  list.push(
    channelsResource(),
    dispatcherRuleResource(it),
    supportRequestResource(),
    dialogsVisibilityResource(),
    securityResource(it),
  );
  return list;
}
