/**
 * The rule engine Omnidesk runs server-side, executing `OmnideskRuleSpec` objects: incoming
 * rules once per new case, changed rules once per change made through the API or by the
 * customer. Rules run in id order and see each other's effects. Actions done by a rule are
 * not a change by anyone, so they never trigger changed rules (no loops).
 */
import type { OmnideskAction, OmnideskCondition, OmnideskRuleSpec } from '../specs.js';
import { changeLabels, hasStaffReply, logChange, setStatus } from './case-ops.js';
import type { CaseRec, MessageAuthor, RuleRec } from './store.js';
import { ruleWebhookPayload, ruleWebhookRequest, ruleWebhookValues } from './rule-webhook.js';
import type { Txn } from './world.js';

export interface Trigger {
  /** Who made the change: the customer or staff (the API user counts as staff). */
  changedBy: 'user' | 'staff';
  /** Set when the change is a new message. */
  messageAuthor?: MessageAuthor;
}

const RULE_EVENTS = { incoming: 'omnidesk.incoming', changed: 'omnidesk.changed' } as const;

function ruleLabel(rule: RuleRec): string {
  return `${rule.spec.title} (ID - ${rule.rule_id})`;
}

function conditionHolds(txn: Txn, c: CaseRec, cond: OmnideskCondition, trigger: Trigger): boolean {
  switch (cond.field) {
    case 'status':
      return cond.op === 'eq' ? c.status === cond.value : c.status !== cond.value;
    case 'changed_by':
      return trigger.changedBy === cond.value;
    case 'labels': {
      const label = txn.store.labelByTitle(cond.label);
      const has = label !== undefined && c.labels.includes(label.label_id);
      return cond.op === 'contains' ? has : !has;
    }
    case 'channel':
      return c.channel === cond.value;
    case 'message_author':
      return trigger.messageAuthor === cond.value;
    case 'has_staff_reply':
      return hasStaffReply(txn, c) === cond.value;
  }
}

function ruleMatches(txn: Txn, c: CaseRec, spec: OmnideskRuleSpec, trigger: Trigger): boolean {
  if (!spec.conditions.length) return true;
  const results = spec.conditions.map((cond) => conditionHolds(txn, c, cond, trigger));
  return spec.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

function runAction(txn: Txn, c: CaseRec, rule: RuleRec, action: OmnideskAction): void {
  const doneBy = `rule_${rule.rule_id}`;
  switch (action.type) {
    case 'webhook': {
      const values = ruleWebhookValues(txn.store, txn.fields, c, txn.origin);
      const payload = ruleWebhookPayload(txn.fields, action.fields, values);
      txn.outbox.push({
        event: RULE_EVENTS[rule.spec.ruleKind],
        ...ruleWebhookRequest(action, payload, txn.fields),
        ruleId: rule.rule_id,
      });
      return;
    }
    case 'add_label':
    case 'remove_label': {
      // Like the admin UI, a rule points at an existing label; it never creates one.
      const label = txn.store.labelByTitle(action.label);
      if (!label) {
        logChange(
          txn,
          c,
          'rule_action_failed',
          doneBy,
          ruleLabel(rule),
          `${action.type}: label "${action.label}" not found`,
        );
        return;
      }
      if (action.type === 'add_label') changeLabels(txn, c, [label.label_id], [], doneBy);
      else changeLabels(txn, c, [], [label.label_id], doneBy);
      return;
    }
    case 'set_status':
      setStatus(txn, c, action.status, doneBy);
      return;
  }
}

/** Runs every rule of this kind against the case. */
export function runRules(txn: Txn, kind: 'incoming' | 'changed', c: CaseRec, trigger: Trigger): void {
  const rules = [...txn.store.rules.values()]
    .filter((r) => r.spec.ruleKind === kind)
    .sort((a, b) => a.rule_id - b.rule_id);
  for (const rule of rules) {
    if (!ruleMatches(txn, c, rule.spec, trigger)) continue;
    logChange(txn, c, 'rules', `rule_${rule.rule_id}`, ruleLabel(rule));
    for (const action of rule.spec.actions) runAction(txn, c, rule, action);
  }
}
