/**
 * The body of a rule's «Выполнить вебхук» action, as Omnidesk sends it (reference §4.1a): the
 * ticked fields only, every value a string (ids as digits, texts as HTML, status and priority as
 * the account's localized labels, one `custom_field_<id>` key per ticked data field), "" for what
 * the case lacks. Keys, forms and labels come from templates/omnidesk/webhook-fields.json.
 */
import { escapeHtml } from '../../../core/html.js';
import { textOf } from '../../../core/text.js';
import type { OmnideskAction } from '../specs.js';
import type { OutboundWebhook } from '../../../server/deliveries.js';
import { encodeForm } from '../../../core/php-form.js';
import { webhookField, type WebhookFieldFile } from '../webhook-fields.js';
import type { CaseRec, MessageRec, OmnideskStore } from './store.js';

type WebhookAction = Extract<OmnideskAction, { type: 'webhook' }>;

/** A message as Omnidesk's editor stores it: its HTML, or its text wrapped in paragraphs. */
export function messageHtml(m: MessageRec | undefined): string {
  if (!m) return '';
  if (m.content_html.trim()) return m.content_html;
  return m.content
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function customFieldText(store: OmnideskStore, c: CaseRec, fieldId: number): string {
  const value = c.custom_fields[`cf_${fieldId}`];
  if (value === undefined || value === null) return '';
  const field = store.fields.get(fieldId);
  const options = field?.field_data;
  // A select stores the option key; the webhook carries the option's title (§4.1a "Электронный платеж").
  if (options && typeof options === 'object' && typeof value !== 'object') {
    const title = (options as Record<string, unknown>)[textOf(value)];
    if (typeof title === 'string') return title;
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  return textOf(value);
}

/** Every field's value for this case right now, by JSON key. */
export function ruleWebhookValues(
  store: OmnideskStore,
  file: WebhookFieldFile,
  c: CaseRec,
  origin: string,
): Record<string, string> {
  const all = store.messagesOf(c.case_id);
  const messages = all.filter((m) => !m.note);
  const notes = all.filter((m) => m.note);
  const last = messages[messages.length - 1];
  const lastNote = notes[notes.length - 1];
  const lastStaff = [...messages].reverse().find((m) => m.staff_id > 0);
  const user = store.users.get(c.user_id);
  const assignee = c.staff_id ? store.staff.get(c.staff_id) : undefined;
  const values: Record<string, string> = {
    case_id: String(c.case_id),
    case_number: c.case_number,
    case_subject: c.subject,
    case_description: messageHtml(messages[0]),
    case_url: `${origin}/staff/cases/record/${c.case_number}`,
    note_text: messageHtml(lastNote),
    last_message: messageHtml(last),
    last_message_id: last ? String(last.message_id) : '',
    last_note_id: lastNote ? String(lastNote.message_id) : '',
    case_group: store.groups.get(c.group_id)?.group_title ?? '',
    case_priority: file.priorityLabels[c.priority as keyof WebhookFieldFile['priorityLabels']]?.text ?? c.priority,
    case_status: file.statusLabels[c.status].text,
    case_tags: c.labels.map((id) => store.labels.get(id)?.label_title ?? String(id)).join(', '),
    assigned_full_name: assignee?.staff_full_name ?? '',
    staff_full_name: assignee?.staff_full_name ?? '',
    staff_id: String(c.staff_id),
    last_staff_id: lastStaff ? String(lastStaff.staff_id) : '0',
    user_full_name: user?.user_full_name ?? '',
    user_email: user?.user_email ?? '',
    user_id: String(c.user_id),
    user_lang: '1',
    category: '',
  };
  for (const field of store.fields.values()) {
    if (field.field_level === 'case')
      values[`custom_field_${field.field_id}`] = customFieldText(store, c, field.field_id);
  }
  return values;
}

/** The ticked fields in tick order; a key the field file does not know is left out, as the UI cannot tick it. */
export function ruleWebhookPayload(
  file: WebhookFieldFile,
  ticked: readonly string[],
  values: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ticked) {
    const def = webhookField(key, file);
    if (!def) continue;
    const value = values[key];
    out[key] = value === undefined || value === '' ? (def.absent ?? '') : value;
  }
  return out;
}

/** The outbound request: JSON or form body for POST and PUT; GET and DELETE carry the fields in the query. */
export function ruleWebhookRequest(
  action: WebhookAction,
  payload: Record<string, string>,
  file: WebhookFieldFile,
): Pick<OutboundWebhook, 'url' | 'method' | 'contentType' | 'body'> {
  const withBody = action.method === 'POST' || action.method === 'PUT';
  if (!withBody) {
    const url = new URL(action.url);
    for (const [k, v] of Object.entries(payload)) url.searchParams.set(k, v);
    return { url: url.toString(), method: action.method, contentType: undefined, body: '' };
  }
  const format = file.formats[action.format];
  const body = action.format === 'FORM' ? encodeForm(payload) : JSON.stringify(payload);
  return { url: action.url, method: action.method, contentType: format.contentType, body };
}
