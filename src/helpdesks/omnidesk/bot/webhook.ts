/**
 * Reads the Omnidesk rule webhooks the reference bot receives (and verify finds in the sandbox's
 * delivery log) into the bot's neutral message. An Omnidesk rule webhook carries every value as
 * a string and its texts as HTML (reference §4.1a): `case_id` "423208679", `last_message`
 * "<p>…</p>"; the keys are the ones templates/omnidesk/webhook-fields.json names.
 */
import { stripHtml } from '../../../core/html.js';
import { nonEmpty, toInt } from '../../../core/webhook-body.js';
import type { BotMessage } from '../../define.js';
import type { OmnideskWebhookField } from '../specs.js';

/**
 * The keys a bot's two rules tick, as the JSON keys Omnidesk sends (reference §4.1a; the
 * tick-box → key mapping is inferred, see templates/omnidesk/webhook-fields.json). The recipe's
 * rules tick these keys and the reference bot reads them.
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

/** An Omnidesk incoming or changed-case webhook; null when it carries no case id. */
export function readOmnideskWebhook(body: Record<string, unknown>): BotMessage | null {
  const caseId = toInt(body[K.caseId]);
  if (caseId === undefined) return null;
  // The changed-case rule sends the last reply; the incoming rule the case's first text.
  const html = nonEmpty(body[K.lastReply]) ?? nonEmpty(body[K.initialText]) ?? '';
  const userId = toInt(body[K.userId]);
  return { helpdesk: 'omnidesk', caseId, text: stripHtml(html), ...(userId !== undefined ? { userId } : {}) };
}
