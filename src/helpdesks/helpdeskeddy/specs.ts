/**
 * The manual-spec kind HelpDeskEddy's sandbox can execute: a dispatcher rule («Диспетчер»).
 * `steps` renders it as clicks, and the sandbox performs the very same object.
 */
import type { ManualSpec } from '../../core/manual-step.js';

export type HdeRequiredCondition = 'new_ticket' | 'new_reply';

export interface HdeDispatcherRuleSpec extends ManualSpec {
  kind: 'helpdeskeddy.dispatcher-rule';
  title: string;
  /** «Основные правила» */
  group: 'main';
  /** «Обязательные условия»: «Новая заявка», «Новый ответ в заявке». */
  required: HdeRequiredCondition[];
  /** Extra conditions; the loop guard is `{ field: 'last_reply_author_group', value: 'client' }`. */
  extra: Array<{ field: 'last_reply_author_group'; op: 'eq'; value: 'client' | 'staff' }>;
  action: {
    type: 'webhook';
    /** «Асинхронный режим» */
    mode: 'async' | 'sync';
    /** «Отключить повторы вебхуков» ticked means retries: false. */
    retries: boolean;
    method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
    format: 'JSON' | 'XML' | 'X-FORM-URLENCODED';
    /** «Без авторизации» */
    auth: 'none';
    url: string;
    /** The body template with `{tags}`, exactly as pasted into the UI. */
    body: string;
  };
}
