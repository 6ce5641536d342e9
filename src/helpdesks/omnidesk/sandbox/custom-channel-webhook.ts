/**
 * The `message_new` webhook a custom channel receives when a case of that channel gets a staff
 * reply, a note, or a message sent by a rule: form-encoded with PHP bracket keys, as Omnidesk
 * posts it (reference §4.2). Note `custom_user_id` here versus `user_custom_id` in the REST API.
 * Attachments travel as `object[attachments][i][url]` [S IDX-QS], with the other keys of a
 * message's file object beside it [I].
 */
import type { OutboundWebhook } from '../../../server/deliveries.js';
import { encodeForm } from '../../../core/php-form.js';
import { formatRfc2822 } from '../dates.js';
import { fileJson } from './files.js';
import type { CaseRec, MessageRec, OmnideskStore } from './store.js';

const MESSAGE_NEW_EVENT = 'omnidesk.message_new';

export function messageNewHook(
  store: OmnideskStore,
  c: CaseRec,
  m: MessageRec,
  origin: string,
): OutboundWebhook | undefined {
  // The customer's own messages came from the channel; only the other side is sent back.
  if (m.author !== 'staff' && !m.note && !m.sent_via_rule) return undefined;
  const channel = store.channelByCode(c.channel);
  if (!channel || !channel.active) return undefined;
  const user = store.users.get(c.user_id);
  const body = encodeForm({
    type: 'message_new',
    object: {
      message_id: m.message_id,
      case_id: c.case_id,
      staff_id: m.staff_id,
      user_id: c.user_id,
      custom_user_id: user?.user_custom_id ?? '',
      content: m.content,
      note: m.note,
      sent_via_rule: m.sent_via_rule,
      created_at: formatRfc2822(m.created),
      ...(m.attachments.length
        ? { attachments: m.attachments.map((id) => fileJson(store, origin, id)).filter((f) => f !== undefined) }
        : {}),
    },
  });
  return {
    event: MESSAGE_NEW_EVENT,
    url: channel.webhook_url,
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    body,
  };
}
