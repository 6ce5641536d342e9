/**
 * Sandbox records → the JSON the real API sends (reference §2.3, §2.5, §2.6): numeric ids except
 * status slugs, `{ru,en,ua}` names, three date formats, the string `"null"` for an unset freeze
 * date. The quirks are reproduced on purpose so the client's tolerance is exercised.
 */
import { formatDateTime, formatPostDate, formatSlaDate } from '../dates.js';
import { DEPARTMENTS, type HdeStore, type PostRec, type TicketRec, type UserRec } from './store.js';

export const PAGE_SIZE = 30;

export function ticketJson(store: HdeStore, t: TicketRec): Record<string, unknown> {
  const client = store.user(t.userId);
  const owner = t.ownerId ? store.user(t.ownerId) : undefined;
  const dept = DEPARTMENTS.find((d) => d.id === t.departmentId);
  return {
    id: t.id,
    pid: 0,
    unique_id: t.uniqueId,
    date_created: formatDateTime(t.createdAt),
    date_updated: formatDateTime(t.updatedAt),
    title: t.title,
    source: t.source,
    status_id: t.statusId,
    priority_id: t.priorityId,
    type_id: t.typeId,
    department_id: t.departmentId,
    department_name: dept?.name.ru ?? '',
    owner_id: t.ownerId,
    owner_name: owner?.name ?? '',
    owner_lastname: owner?.lastname ?? '',
    owner_email: owner?.email ?? '',
    user_id: t.userId,
    user_name: client?.name ?? '',
    user_lastname: client?.lastname ?? '',
    user_email: client?.email ?? '',
    cc: [],
    bcc: [],
    followers: [],
    ticket_lock: 0,
    sla_date: formatSlaDate(new Date(t.createdAt.getTime() + 2 * 3600_000)),
    freeze_date: 'null',
    freeze: 0,
    deleted: t.deleted ? 1 : 0,
    viewed_by_staff: 0,
    viewed_by_client: 1,
    rate: '',
    rate_comment: '',
    rate_date: '',
    custom_fields: [],
    tags: [],
  };
}

export function postJson(store: HdeStore, p: PostRec, visible?: 'staff'): Record<string, unknown> {
  const author = store.user(p.userId);
  return {
    ticket_id: p.ticketId,
    id: p.id,
    user_id: p.userId,
    user_name: author?.name ?? '',
    user_lastname: author?.lastname ?? '',
    text: p.text,
    date_created: formatPostDate(p.createdAt),
    date_updated: formatPostDate(p.updatedAt),
    files: p.files.map((f, i) => ({ name: f.name, url: `/ru/file/download/sandbox-${p.id}-${i}`, data_type: 'file' })),
    ...(visible ? { visible } : {}),
  };
}

/**
 * `api_key` is shown only on the key owner's own record when that owner is an administrator
 * (keys are visible only to the main administrator); its value is a placeholder, never the key.
 */
export function userJson(store: HdeStore, u: UserRec, requester: UserRec): Record<string, unknown> {
  const group = store.group(u);
  const showKey = u.id === requester.id && group.id === 1;
  return {
    id: u.id,
    date_created: formatDateTime(u.createdAt),
    date_updated: formatDateTime(u.updatedAt),
    name: u.name,
    lastname: u.lastname,
    email: u.email,
    phone: '',
    skype: '',
    website: '',
    organization: '',
    status: u.status,
    language: 'ru',
    notifications: 1,
    api_key: showKey ? 'sandbox-visible-key' : '',
    group: { id: group.id, type: group.type, name: group.name, disable: 0 },
    department: u.departmentIds,
    ldap_username: '',
    custom_fields: [],
  };
}

export function paginate<T>(items: T[], pageParam: string | null, totalAsString = false) {
  const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
  const totalPages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const slice = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return {
    slice,
    pagination: {
      total: totalAsString ? String(items.length) : items.length,
      per_page: PAGE_SIZE,
      current_page: page,
      total_pages: totalPages,
    },
  };
}
