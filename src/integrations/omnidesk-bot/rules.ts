/**
 * The two manual resources: Omnidesk has no API for rules, so each describes itself as a step
 * whose spec is the rule itself. The engine decides their status from the state file.
 */
import type { OmnideskBotIntegration } from './schema.js';
import type { Localized } from '../../core/localized.js';
import type { Resource, ResourceContext } from '../../model/resource.js';
import type { ManualStep } from '../../core/manual-step.js';
import type { OmnideskRuleSpec } from '../../helpdesks/omnidesk/specs.js';
import { ADMIN_PAGES, adminPage, rulesPath } from '../../helpdesks/omnidesk/ui.js';
import { ruleInstructions } from '../../helpdesks/omnidesk/rule-instructions.js';
import { changedRuleSpec, incomingRuleSpec } from './specs.js';

interface RuleDef {
  id: 'incoming-rule' | 'changed-rule';
  title: Localized;
  why: Localized;
  spec: (it: OmnideskBotIntegration) => OmnideskRuleSpec;
}

const RULES: RuleDef[] = [
  {
    id: 'incoming-rule',
    title: { ru: 'Правило для входящих обращений', en: 'Rule for incoming cases' },
    why: {
      ru:
        'Правило передаёт боту каждое новое обращение (и исходящие, созданные сотрудниками) и ставит метку, по ' +
        'которой бот узнаёт свои обращения.',
      en:
        'The rule sends every new case to the bot (outgoing cases created by staff too) and adds the label by ' +
        'which the bot knows its cases.',
    },
    spec: incomingRuleSpec,
  },
  {
    id: 'changed-rule',
    title: { ru: 'Правило для изменённых обращений', en: 'Rule for changed cases' },
    why: {
      ru:
        'Правило передаёт боту новые ответы пользователя. «Изменения выполнены пользователем» не даёт боту ' +
        'отвечать на собственные ответы, а «Метки содержат» отключает бота после перевода на оператора.',
      en:
        'The rule sends the user\'s new replies to the bot. "Changes made by the user" keeps the bot from ' +
        'answering its own replies; "Labels contain" turns the bot off once the case is handed to an operator.',
    },
    spec: changedRuleSpec,
  },
];

function describeRule(def: RuleDef, it: OmnideskBotIntegration, rc: Pick<ResourceContext, 'config'>): ManualStep {
  const spec = def.spec(it);
  const url = rc.config.omnidesk?.url;
  return {
    id: def.id,
    title: def.title,
    page: url ? adminPage(url, ADMIN_PAGES.rules) : undefined,
    path: rulesPath(spec.ruleKind),
    instructions: ruleInstructions(spec),
    why: def.why,
    spec,
  };
}

export function ruleResources(it: OmnideskBotIntegration): Resource[] {
  return RULES.map((def) => ({
    id: def.id,
    kind: 'omnidesk.rule',
    title: def.title,
    mode: 'manual',
    describe: (rc) => describeRule(def, it, rc),
  }));
}
