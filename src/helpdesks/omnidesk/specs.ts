/**
 * The manual-spec kinds Omnidesk's sandbox can execute: rules, custom channels, data fields.
 * A resource describes its manual step with one of these; `steps` renders it as clicks in the
 * admin UI's words, and the sandbox performs the very same object, so the two cannot disagree.
 */
import type { ManualSpec } from '../../core/manual-step.js';

/**
 * Tickable fields of Omnidesk's «Выполнить вебхук» action, by the JSON key each sends (reference
 * §4.1a); labels, value forms and provenance live in templates/omnidesk/webhook-fields.json.
 */
export type OmnideskWebhookField =
  | 'case_id'
  | 'case_description'
  | 'last_message'
  | 'user_id'
  | 'case_number'
  | 'case_subject'
  | 'case_url'
  | 'note_text'
  | 'last_message_id'
  | 'last_note_id'
  | 'case_group'
  | 'case_priority'
  | 'case_status'
  | 'case_tags'
  | 'assigned_full_name'
  | 'staff_full_name'
  | 'staff_id'
  | 'last_staff_id'
  | 'user_full_name'
  | 'user_email'
  | 'user_lang'
  | 'category'
  | `custom_field_${number}`;

/** The action's body format: JSON (what the bot recipe asks for) or a form body (reference §4.1a, IDX-IRID). */
export type OmnideskWebhookFormat = 'JSON' | 'FORM';

export type OmnideskCondition =
  /** «Статус — равен — открытое» */
  | { field: 'status'; op: 'eq' | 'neq'; value: 'open' | 'waiting' | 'closed' }
  /** «Изменения выполнены пользователем» (or staff) */
  | { field: 'changed_by'; value: 'user' | 'staff' }
  /** «Метки содержат …» */
  | { field: 'labels'; op: 'contains' | 'not_contains'; label: string }
  /** The case came in through a given channel (e.g. a custom channel's cch code, or "chat"). */
  | { field: 'channel'; op: 'eq'; value: string }
  /** Who wrote the message that triggered the rule. */
  | { field: 'message_author'; op: 'eq'; value: 'user' | 'staff' | 'bot' }
  /** The case has no staff reply yet (a chat handled by a bot only). */
  | { field: 'has_staff_reply'; value: boolean };

export type OmnideskAction =
  /** «Выполнить вебхук»: URL, method, format and the ticked fields. */
  | {
      type: 'webhook';
      url: string;
      method: 'POST' | 'GET' | 'PUT' | 'DELETE';
      format: OmnideskWebhookFormat;
      fields: OmnideskWebhookField[];
    }
  /** «Добавить метку» */
  | { type: 'add_label'; label: string }
  | { type: 'remove_label'; label: string }
  | { type: 'set_status'; status: 'open' | 'waiting' | 'closed' };

export interface OmnideskRuleSpec extends ManualSpec {
  kind: 'omnidesk.rule';
  /** «входящие обращения» or «изменённые обращения» */
  ruleKind: 'incoming' | 'changed';
  title: string;
  /** «ВСЕ заданных условия» (all) or «ЛЮБОЕ из условий» (any). */
  match: 'all' | 'any';
  conditions: OmnideskCondition[];
  actions: OmnideskAction[];
}

export interface OmnideskCustomChannelSpec extends ManualSpec {
  kind: 'omnidesk.custom-channel';
  title: string;
  webhookUrl: string;
  channelType: 'async' | 'sync';
}

/**
 * A data field («Каналы → Управление обращениями → Поля данных»): created in the admin UI, listed
 * by `GET /api/custom_fields.json`. Keys are the API's own, so the sandbox takes it as is.
 */
export interface OmnideskCustomFieldSpec extends ManualSpec {
  kind: 'omnidesk.custom-field';
  title: string;
  field_type: 'text';
  field_level: 'user' | 'case';
}

export type OmnideskSpec = OmnideskRuleSpec | OmnideskCustomChannelSpec | OmnideskCustomFieldSpec;
