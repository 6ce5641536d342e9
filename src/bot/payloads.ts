/**
 * Reads the webhooks the reference bot receives into one neutral shape. Omnidesk's JSON keys
 * come from templates/omnidesk/webhook-fields.json (the file the sandbox rule engine sends by),
 * so a user who overrides a key there changes the bot too. HelpDeskEddy sends the seed-002
 * nine-field body, every value a string.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface IncomingMessage {
  helpdesk: 'omnidesk' | 'helpdeskeddy';
  caseId: number;
  text: string;
  userId?: number;
  /** HelpDeskEddy: who wrote the last post (the bot ignores its own posts). */
  authorId?: number;
}

/** src/bot (tests) and dist/bot (built) both sit two levels below the package root. */
const FIELDS_FILE = fileURLToPath(new URL('../../templates/omnidesk/webhook-fields.json', import.meta.url));

let keys: Record<string, string> | undefined;

function omnideskKeys(): Record<string, string> {
  if (!keys) {
    const parsed = JSON.parse(readFileSync(FIELDS_FILE, 'utf8')) as { fields: Record<string, { key: string }> };
    keys = Object.fromEntries(Object.entries(parsed.fields).map(([field, entry]) => [field, entry.key]));
  }
  return keys;
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** JSON, or a form body (flattened: `a[b]=1` stays a key `a[b]`). */
export function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
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
  const k = omnideskKeys();
  const caseId = toInt(body[k.case_id ?? 'case_id']);
  if (caseId === undefined) return null;
  // The changed-case rule sends the last reply; the incoming rule the initial text.
  const text = toText(body[k.last_reply_text ?? 'last_reply_text']) ?? toText(body[k.initial_text ?? 'initial_text']) ?? '';
  return { helpdesk: 'omnidesk', caseId, text, userId: toInt(body[k.user_id ?? 'user_id']) };
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
