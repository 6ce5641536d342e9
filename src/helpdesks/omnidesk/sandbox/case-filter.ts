/**
 * `GET /api/cases.json` filters and sort orders (reference §2.1). Multi-value filters arrive as
 * `x[]=`, `x[0]=` or plain `x=` (§1.4); values within one filter are OR-ed, filters are AND-ed.
 * Trashed and spam cases are hidden; so are merged cases and live chats unless asked for.
 * A saved filter (`filter=<id>`, GET /api/filters.json) adds its own parameters to the query.
 */
import { textOf } from '../../../core/text.js';
import { parseTimeFilter } from '../dates.js';
import { queryAll, queryOne, textMatches, toInt } from '../../../server/query.js';
import { invalid, notFound } from './api-errors.js';
import type { CaseRec, OmnideskStore } from './store.js';

function ids(query: URLSearchParams, name: string): number[] {
  return queryAll(query, name).map((v) => {
    const n = toInt(v);
    if (n === undefined || n < 0) throw invalid(`wrong_${name}`);
    return n;
  });
}

/** A time filter; a bare date as an upper bound means the end of that day [I]. */
export function timeFilter(query: URLSearchParams, name: string): number | undefined {
  const raw = queryOne(query, name);
  if (raw === undefined) return undefined;
  const ms = parseTimeFilter(raw);
  if (Number.isNaN(ms)) throw invalid(`wrong_${name}`);
  return name.startsWith('to_') && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? ms + 86_400_000 - 1 : ms;
}

/** A `true`/`1` flag, default false. */
export function flag(query: URLSearchParams, name: string): boolean {
  const v = queryOne(query, name)?.toLowerCase();
  return v === 'true' || v === '1';
}

/** A text filter the reference gives a minimum length (§2.1: subject and user_phone ≥ 4 chars). */
function minLength(values: string[], name: string, min: number): string[] {
  for (const v of values) if (v.replace(/\^/g, '').length < min) throw invalid(`wrong_${name}`);
  return values;
}

const PRIORITY_RANK: Record<string, number> = { low: 0, normal: 1, high: 2, critical: 3 };
const STATUS_RANK: Record<string, number> = { open: 0, waiting: 1, closed: 2 };

type Cmp = (a: CaseRec, b: CaseRec) => number;
const byId = (a: CaseRec, b: CaseRec) => b.case_id - a.case_id;
/** Cases that never had a staff response sort after those that did, either way [I]. */
const byResponse =
  (dir: 1 | -1): Cmp =>
  (a, b) => {
    if (a.lastResponse === undefined || b.lastResponse === undefined)
      return (a.lastResponse === undefined ? 1 : 0) - (b.lastResponse === undefined ? 1 : 0);
    return dir * (a.lastResponse - b.lastResponse);
  };

/** §2.1's ten sort orders; ties fall back to the newest case first. */
export const SORTS: Record<string, Cmp> = {
  created_at_desc: (a, b) => b.created - a.created || byId(a, b),
  created_at_asc: (a, b) => a.created - b.created || -byId(a, b),
  updated_at_desc: (a, b) => b.updated - a.updated || byId(a, b),
  updated_at_asc: (a, b) => a.updated - b.updated || -byId(a, b),
  response_desc: (a, b) => byResponse(-1)(a, b) || byId(a, b),
  response_asc: (a, b) => byResponse(1)(a, b) || byId(a, b),
  priority_desc: (a, b) => (PRIORITY_RANK[b.priority] ?? 0) - (PRIORITY_RANK[a.priority] ?? 0) || byId(a, b),
  priority_asc: (a, b) => (PRIORITY_RANK[a.priority] ?? 0) - (PRIORITY_RANK[b.priority] ?? 0) || byId(a, b),
  status_asc: (a, b) => (STATUS_RANK[a.status] ?? 0) - (STATUS_RANK[b.status] ?? 0) || byId(a, b),
  status_desc: (a, b) => (STATUS_RANK[b.status] ?? 0) - (STATUS_RANK[a.status] ?? 0) || byId(a, b),
};

/** A live chat: a chat-like channel's case that is not closed (hidden unless show_active_chats) [I]. */
export function isActiveChat(store: OmnideskStore, c: CaseRec): boolean {
  if (c.status === 'closed') return false;
  if (c.channel === 'chat') return true;
  return store.channelByCode(c.channel)?.channel_type === 'sync';
}

/** The query with a saved filter's parameters added (the request's own values come first). */
function withSavedFilter(store: OmnideskStore, query: URLSearchParams): URLSearchParams {
  const raw = queryOne(query, 'filter');
  if (raw === undefined) return query;
  const id = toInt(raw);
  const saved = id === undefined ? undefined : store.filters.get(id);
  if (!saved) throw notFound('filter');
  const merged = new URLSearchParams(query);
  for (const [name, value] of Object.entries(saved.query)) {
    if (queryAll(query, name).length) continue;
    for (const v of Array.isArray(value) ? value : [value]) merged.append(`${name}[]`, v);
  }
  return merged;
}

/** `custom_fields[cf_94]=x`: substring match on the case's value of that field. */
function customFieldFilters(query: URLSearchParams): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of query) {
    const m = /^custom_fields\[(cf_\d+)\]$/.exec(key);
    if (m) out.push([m[1]!, value]);
  }
  return out;
}

export function filterCases(store: OmnideskStore, input: URLSearchParams): CaseRec[] {
  const query = withSavedFilter(store, input);
  const status = queryAll(query, 'status');
  const channel = queryAll(query, 'channel');
  const priority = queryAll(query, 'priority');
  const labels = ids(query, 'labels');
  const staff = ids(query, 'staff_id');
  const groups = ids(query, 'group_id');
  const users = ids(query, 'user_id');
  const customIds = queryAll(query, 'user_custom_id');
  const emails = queryAll(query, 'user_email');
  const phones = minLength(queryAll(query, 'user_phone'), 'user_phone', 4);
  // A subject may hold commas, so it is read whole, not as a comma list.
  const rawSubject = query.get('subject') ?? query.get('subject[]') ?? undefined;
  const subject = rawSubject === undefined || rawSubject === '' ? undefined : minLength([rawSubject], 'subject', 4)[0];
  const fields = customFieldFilters(query);
  const from = timeFilter(query, 'from_time');
  const to = timeFilter(query, 'to_time');
  const fromUpdated = timeFilter(query, 'from_updated_time');
  const toUpdated = timeFilter(query, 'to_updated_time');
  const showMerged = flag(query, 'show_merged_cases');
  const showChats = flag(query, 'show_active_chats');
  const sort = SORTS[queryOne(query, 'sort') ?? 'created_at_desc'];
  if (!sort) throw invalid('wrong_sort');

  const userMatches = (
    c: CaseRec,
    values: string[],
    pick: (u: { user_custom_id?: string; user_email?: string; user_phone?: string }) => string | undefined,
  ) => {
    const user = store.users.get(c.user_id);
    return user !== undefined && values.some((v) => textMatches(v, pick(user)));
  };

  return [...store.cases.values()]
    .filter(
      (c) =>
        !c.deleted &&
        !c.spam &&
        (showMerged || c.parent_case_id === 0) &&
        (showChats || !isActiveChat(store, c)) &&
        (!status.length || status.includes(c.status)) &&
        (!channel.length || channel.includes(c.channel)) &&
        (!priority.length || priority.includes(c.priority)) &&
        (!labels.length || labels.some((id) => c.labels.includes(id))) &&
        (!staff.length || staff.includes(c.staff_id)) &&
        (!groups.length || groups.includes(c.group_id)) &&
        (!users.length || users.includes(c.user_id)) &&
        (!customIds.length || userMatches(c, customIds, (u) => u.user_custom_id)) &&
        (!emails.length || userMatches(c, emails, (u) => u.user_email)) &&
        (!phones.length || userMatches(c, phones, (u) => u.user_phone)) &&
        (!subject || textMatches(subject, c.subject)) &&
        fields.every(([cf, v]) => c.custom_fields[cf] !== undefined && textMatches(v, textOf(c.custom_fields[cf]))) &&
        (from === undefined || c.created >= from) &&
        (to === undefined || c.created <= to) &&
        (fromUpdated === undefined || c.updated >= fromUpdated) &&
        (toUpdated === undefined || c.updated <= toUpdated),
    )
    .sort(sort);
}
