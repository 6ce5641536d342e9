/**
 * Reads the webhooks the reference bot receives into one neutral shape. An Omnidesk rule webhook
 * carries every value as a string and its texts as HTML (reference §4.1a): `case_id` "423208679",
 * `last_message` "<p>…</p>"; the keys are the ones templates/omnidesk/webhook-fields.json names.
 * HelpDeskEddy sends its nine-field dispatcher body, every value a string.
 */
import { decodeForm } from '../core/php-form.js';
import { stripHtml } from '../helpdesks/helpdeskeddy/template.js';
import { BOT_WEBHOOK_KEYS as K } from '../integrations/omnidesk-bot/specs.js';

export interface IncomingMessage {
  helpdesk: 'omnidesk' | 'helpdeskeddy';
  caseId: number;
  text: string;
  userId?: number;
  /** HelpDeskEddy: who wrote the last post (the bot ignores its own posts). */
  authorId?: number;
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Omnidesk sends "" for what a case lacks; that is no text. */
function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** JSON, or a PHP-style form body (the one decoder: `a[b]=1` is `{ a: { b: '1' } }`). */
export function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return decodeForm(raw);
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function isHelpdeskeddyBody(body: Record<string, unknown>): boolean {
  return 'ticket_id' in body;
}

/** An Omnidesk incoming or changed-case webhook; null when it carries no case id. */
export function readOmnideskWebhook(body: Record<string, unknown>): IncomingMessage | null {
  const caseId = toInt(body[K.caseId]);
  if (caseId === undefined) return null;
  // The changed-case rule sends the last reply; the incoming rule the case's first text.
  const html = nonEmpty(body[K.lastReply]) ?? nonEmpty(body[K.initialText]) ?? '';
  const userId = toInt(body[K.userId]);
  return { helpdesk: 'omnidesk', caseId, text: stripHtml(html), ...(userId !== undefined ? { userId } : {}) };
}

/** The seed-002 body: message, message_author_id, customer_id, ticket_id, … */
export function readHelpdeskeddyWebhook(body: Record<string, unknown>): IncomingMessage | null {
  const caseId = toInt(body.ticket_id);
  if (caseId === undefined) return null;
  return {
    helpdesk: 'helpdeskeddy',
    caseId,
    text: toText(body.message) ?? '',
    userId: toInt(body.customer_id),
    authorId: toInt(body.message_author_id),
  };
}
