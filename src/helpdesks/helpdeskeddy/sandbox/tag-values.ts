/**
 * The values of the dispatcher's `{tags}` for one event (reference §4.3), as strings. Tags no
 * public source documents (`{last_client_post_date}`, `{meta_chat_id}`, the format of
 * `{last_post_date}`) are the sandbox's inference: dates use the post format the API itself
 * prints (`HH:MM:SS DD.MM.YYYY`), and a ticket that did not come from a chat has an empty chat id.
 */
import { formatDateTime, formatPostDate } from '../dates.js';
import { stripHtml } from '../template.js';
import { fileUrl } from './files.js';
import { DEPARTMENTS, PRIORITIES, STATUSES, type HdeStore, type PostRec, type TicketRec } from './store.js';

export function tagValues(store: HdeStore, ticket: TicketRec, post: PostRec, origin: string): Record<string, string> {
  const client = store.user(ticket.userId);
  const owner = ticket.ownerId ? store.user(ticket.ownerId) : undefined;
  const author = store.user(post.userId);
  const lastClientPost = store.postsOf(ticket.id).find((p) => !store.isStaff(p.userId));
  const status = STATUSES.find((s) => s.id === ticket.statusId);
  const department = DEPARTMENTS.find((d) => d.id === ticket.departmentId);
  return {
    ticket_id: String(ticket.id),
    unique_id: ticket.uniqueId,
    ticket_name: ticket.title,
    user_id: String(ticket.userId),
    user_name: client?.name ?? '',
    user_lastname: client?.lastname ?? '',
    user_email: client?.email ?? '',
    owner_id: String(ticket.ownerId),
    owner_name: owner?.name ?? '',
    owner_email: owner?.email ?? '',
    status_id: ticket.statusId,
    status: status?.name.ru ?? ticket.statusId,
    priority: PRIORITIES.find((p) => p.id === ticket.priorityId)?.name.ru ?? '',
    department_id: String(ticket.departmentId),
    department_name: department?.name.ru ?? '',
    company_name: (client && store.directory.organization(client.organizationId)?.name) ?? '',
    link_staff: `${origin}/ru/ticket/list/filter/id/1/page/1/ticket/${ticket.id}`,
    sla_remaining_minutes: '',
    date_update: formatDateTime(ticket.updatedAt),
    answer_last: post.text,
    answer_last_without_html: stripHtml(post.text),
    last_post_id: String(post.id),
    last_post_user_id: String(post.userId),
    last_post_date: formatPostDate(post.createdAt),
    creator_group_name: author ? store.group(author).name.ru : '',
    last_client_post_date: lastClientPost ? formatPostDate(lastClientPost.createdAt) : '',
    meta_chat_id: ticket.metaChatId,
    last_answer_attachments_links: post.files.map((f) => fileUrl(origin, f)).join(', '),
  };
}
