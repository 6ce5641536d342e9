/**
 * The two rules of seed 000 as data. The steps renderer prints them, the sandbox executes
 * them, and the state file hashes them, so all three always talk about the same rule.
 */
import type { OmnideskBotIntegration } from '../../config/schema.js';
import type { OmnideskRuleSpec, OmnideskWebhookField } from '../../model/specs.js';

/**
 * The keys the bot's two rules tick, as the JSON keys Omnidesk sends (reference §4.1a; the
 * tick-box → key mapping is inferred, see templates/omnidesk/webhook-fields.json). The reference
 * bot reads these same keys.
 */
export const BOT_WEBHOOK_KEYS = {
  caseId: 'case_id',
  /** «изначальный текст обращения», ticked in the incoming rule. */
  initialText: 'case_description',
  /** «текст последнего ответа», ticked in the changed rule. */
  lastReply: 'last_message',
  userId: 'user_id',
} as const satisfies Record<string, OmnideskWebhookField>;

const K = BOT_WEBHOOK_KEYS;

/** Titles are stable per integration: the sandbox upserts by kind + title, so re-applying never duplicates. */
export function ruleTitle(it: Pick<OmnideskBotIntegration, 'name'>, ruleKind: 'incoming' | 'changed'): string {
  return `omnibot ${it.name}: ${ruleKind === 'incoming' ? 'входящие' : 'изменённые'}`;
}

/** «входящие обращения»: Статус — равен — открытое → Выполнить вебхук (case_id, case_description, user_id) + Добавить метку. */
export function incomingRuleSpec(it: OmnideskBotIntegration): OmnideskRuleSpec {
  return {
    kind: 'omnidesk.rule',
    ruleKind: 'incoming',
    title: ruleTitle(it, 'incoming'),
    match: 'all',
    conditions: [{ field: 'status', op: 'eq', value: 'open' }],
    actions: [
      { type: 'webhook', url: it.webhookUrl, method: 'POST', format: 'JSON', fields: [K.caseId, K.initialText, K.userId] },
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
    actions: [{ type: 'webhook', url: it.webhookUrl, method: 'POST', format: 'JSON', fields: [K.caseId, K.lastReply, K.userId] }],
  };
}
