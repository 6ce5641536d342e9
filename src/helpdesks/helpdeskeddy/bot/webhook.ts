/**
 * Reads HelpDeskEddy's dispatcher webhook (the seed-002 nine-field body, every value a string)
 * into the bot's neutral message.
 */
import type { BotMessage } from '../../define.js';
import { toInt, toText } from '../../../core/webhook-body.js';

/** Only HelpDeskEddy's body names a ticket. */
export function isHelpdeskeddyBody(body: Record<string, unknown>): boolean {
  return 'ticket_id' in body;
}

/** The seed-002 body: message, message_author_id, customer_id, ticket_id, … */
export function readHelpdeskeddyWebhook(body: Record<string, unknown>): BotMessage | null {
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
