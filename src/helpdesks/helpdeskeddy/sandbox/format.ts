/**
 * Sandbox records → the JSON the real API sends (reference §2.3, §2.5, §2.6): numeric ids except
 * status slugs, `{ru,en,ua}` names, three date formats, the string `"null"` for an unset freeze
 * date. The quirks are reproduced on purpose so a client's tolerance is exercised.
 */
import { formatDateTime, formatPostDate, formatSlaDate } from '../dates.js';
import { dataType, fileUrl } from './files.js';
import { DEPARTMENTS, type FieldValues, type HdeStore, type PostRec, type TicketRec, type UserRec } from './store.js';
import type { FieldScope } from './seed-data.js';

/** Fixed page size (§1.4 [C+]); custom-field options page by 50 [C+], articles by 10 [C1 PHPSDK example]. */
export const PAGE_SIZE = 30;
export const OPTIONS_PAGE_SIZE = 50;
export const ARTICLES_PAGE_SIZE = 10;

/** `custom_fields` on tickets and users: `[{id, field_type, field_value}]` (§2.3 [C+]). */
export function fieldValuesJson(
  store: HdeStore,
  scope: FieldScope,
  values: FieldValues,
): Array<Record<string, unknown>> {
  return Object.keys(values)
    .map(Number)
    .sort((a, b) => a - b)
    .map((id) => ({
      id,
      field_type: store.directory.field(scope, id)?.field_type ?? 'text',
      field_value: values[String(id)],
    }));
}

export function ticketJson(store: HdeStore, t: TicketRec): Record<string, unknown> {
  const client = store.user(t.userId);
  const owner = t.ownerId ? store.user(t.ownerId) : undefined;
  const dept = DEPARTMENTS.find((d) => d.id === t.departmentId);
  const frozen = t.freezeDate !== undefined && t.freezeDate.getTime() > store.now().getTime();
  return {
    id: t.id,
    pid: t.pid,
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
    cc: t.cc,
    bcc: t.bcc,
    followers: t.followers,
    ticket_lock: t.ticketLock ? 1 : 0,
    // Without an SLA policy the sandbox promises two hours [INF].
    sla_date: formatSlaDate(t.slaDate ?? new Date(t.createdAt.getTime() + 2 * 3600_000)),
    freeze_date: t.freezeDate ? formatSlaDate(t.freezeDate) : 'null',
    freeze: frozen ? 1 : 0,
    deleted: t.deleted ? 1 : 0,
    viewed_by_staff: t.viewedByStaff,
    viewed_by_client: t.viewedByClient,
    rate: '',
    rate_comment: '',
    rate_date: '',
    custom_fields: fieldValuesJson(store, 'tickets', t.customFields),
    tags: t.tags,
  };
}

export function postJson(store: HdeStore, p: PostRec, origin: string, visible?: 'staff'): Record<string, unknown> {
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
    files: p.files.map((f) => ({ name: f.name, url: fileUrl(origin, f), data_type: dataType(f.name) })),
    ...(visible ? { visible } : {}),
  };
}

/**
 * `organization` is the company's name in lists and an object on create and update (§2.6 [C1]).
 * `api_key` is shown only on the key owner's own record when that owner is an administrator
 * (keys are visible only to the main administrator); its value is a placeholder, never the key.
 */
export function userJson(
  store: HdeStore,
  u: UserRec,
  requester: UserRec,
  organizationAs: 'name' | 'object' = 'name',
): Record<string, unknown> {
  const group = store.group(u);
  const showKey = u.id === requester.id && group.id === 1;
  const org = u.organizationId ? store.directory.organization(u.organizationId) : undefined;
  const organization =
    organizationAs === 'name'
      ? (org?.name ?? '')
      : org
        ? {
            id: org.id,
            name: org.name,
            domains: org.domains,
            address: org.address,
            phone: org.phone,
            email: org.email,
            web: org.web,
          }
        : '';
  return {
    id: u.id,
    date_created: formatDateTime(u.createdAt),
    date_updated: formatDateTime(u.updatedAt),
    name: u.name,
    lastname: u.lastname,
    email: u.email,
    phone: u.phone,
    skype: u.skype,
    website: u.website,
    organization,
    status: u.status,
    language: u.language,
    notifications: u.notifications,
    api_key: showKey ? 'sandbox-visible-key' : '',
    group: { id: group.id, type: group.type, name: group.name, disable: 0 },
    department: u.departmentIds,
    ldap_username: '',
    custom_fields: fieldValuesJson(store, 'users', u.customFields),
  };
}

export interface Pagination {
  total: number | string;
  per_page: number;
  current_page: number;
  total_pages: number;
}

/** 1-based pages; a page past the end is empty [INF]; an unreadable page is page 1. */
export function paginate<T>(
  items: T[],
  pageParam: string | null,
  options: { perPage?: number; totalAsString?: boolean } = {},
) {
  const perPage = options.perPage ?? PAGE_SIZE;
  const parsed = /^\s*\d{1,9}\s*$/.test(pageParam ?? '') ? Number(pageParam) : 1;
  const page = Math.max(1, parsed);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const pagination: Pagination = {
    total: options.totalAsString ? String(items.length) : items.length,
    per_page: perPage,
    current_page: page,
    total_pages: totalPages,
  };
  return { slice, pagination };
}
