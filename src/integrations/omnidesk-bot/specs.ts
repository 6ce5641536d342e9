/**
 * The two rules of seed 000 as data. The steps renderer prints them, the sandbox executes
 * them, and the state file hashes them, so all three always talk about the same rule.
 */
import { BOT_WEBHOOK_KEYS } from '../../helpdesks/omnidesk/bot/webhook.js';
import type { OmnideskBotIntegration } from './schema.js';
import type { OmnideskRuleSpec } from '../../helpdesks/omnidesk/specs.js';

export { BOT_WEBHOOK_KEYS };

const K = BOT_WEBHOOK_KEYS;

/** Titles are stable per integration: the sandbox upserts by kind + title, so re-applying never duplicates. */
export function ruleTitle(it: Pick<OmnideskBotIntegration, 'name'>, ruleKind: 'incoming' | 'changed'): string {
  return `omnibot ${it.name}: ${ruleKind === 'incoming' ? 'входящие' : 'изменённые'}`;
}

/**
 * «входящие обращения»: Статус — равен — открытое → Выполнить вебхук (case_id, case_description, user_id) + Добавить
 * метку.
 */
export function incomingRuleSpec(it: OmnideskBotIntegration): OmnideskRuleSpec {
  return {
    kind: 'omnidesk.rule',
    ruleKind: 'incoming',
    title: ruleTitle(it, 'incoming'),
    match: 'all',
    conditions: [{ field: 'status', op: 'eq', value: 'open' }],
    actions: [
      {
        type: 'webhook',
        url: it.webhookUrl,
        method: 'POST',
        format: 'JSON',
        fields: [K.caseId, K.initialText, K.userId],
      },
      { type: 'add_label', label: it.label },
    ],
  };
}

/**
 * «изменённые обращения», ВСЕ заданных условия: changed by the user, labels contain the label.
 * The first condition keeps the bot from answering its own replies; the second stops it once
 * the hand-off has removed the label.
 */
export function changedRuleSpec(it: OmnideskBotIntegration): OmnideskRuleSpec {
  return {
    kind: 'omnidesk.rule',
    ruleKind: 'changed',
    title: ruleTitle(it, 'changed'),
    match: 'all',
    conditions: [
      { field: 'changed_by', value: 'user' },
      { field: 'labels', op: 'contains', label: it.label },
    ],
    actions: [
      {
        type: 'webhook',
        url: it.webhookUrl,
        method: 'POST',
        format: 'JSON',
        fields: [K.caseId, K.lastReply, K.userId],
      },
    ],
  };
}
