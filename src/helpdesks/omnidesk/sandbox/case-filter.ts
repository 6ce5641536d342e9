/**
 * `GET /api/cases.json` filters. Multi-value filters arrive as `x[]=`, `x[0]=` or plain `x=`;
 * values within one filter are OR-ed, filters are AND-ed. Trashed and spam cases are hidden.
 */
import { parseTimeFilter } from '../../../server/rfc2822.js';
import { queryAll, queryOne, textMatches, toInt } from '../../../server/query.js';
import { invalid } from './api-errors.js';
import type { CaseRec, OmnideskStore } from './store.js';

function ids(query: URLSearchParams, name: string): number[] {
  return queryAll(query, name).map((v) => {
    const n = toInt(v);
    if (n === undefined || n < 0) throw invalid(`wrong_${name}`);
    return n;
  });
}

function time(query: URLSearchParams, name: string): number | undefined {
  const raw = queryOne(query, name);
  if (raw === undefined) return undefined;
  const ms = parseTimeFilter(raw);
  if (Number.isNaN(ms)) throw invalid(`wrong_${name}`);
  return ms;
}

const SORTS: Record<string, (a: CaseRec, b: CaseRec) => number> = {
  created_at_desc: (a, b) => b.created - a.created || b.case_id - a.case_id,
  created_at_asc: (a, b) => a.created - b.created || a.case_id - b.case_id,
  updated_at_desc: (a, b) => b.updated - a.updated || b.case_id - a.case_id,
  updated_at_asc: (a, b) => a.updated - b.updated || a.case_id - b.case_id,
};

export function filterCases(store: OmnideskStore, query: URLSearchParams): CaseRec[] {
  const status = queryAll(query, 'status');
  const channel = queryAll(query, 'channel');
  const priority = queryAll(query, 'priority');
  const labels = ids(query, 'labels');
  const staff = ids(query, 'staff_id');
  const groups = ids(query, 'group_id');
  const users = ids(query, 'user_id');
  const customIds = queryAll(query, 'user_custom_id');
  const emails = queryAll(query, 'user_email');
  const subject = queryOne(query, 'subject');
  const from = time(query, 'from_time');
  const to = time(query, 'to_time');
  const fromUpdated = time(query, 'from_updated_time');
  const toUpdated = time(query, 'to_updated_time');
  const sortName = queryOne(query, 'sort') ?? 'created_at_desc';
  const sort = SORTS[sortName];
  if (!sort) throw invalid('wrong_sort');

  const userMatches = (c: CaseRec, values: string[], pick: (u: { user_custom_id?: string; user_email?: string }) => string | undefined) => {
    const user = store.users.get(c.user_id);
    return user !== undefined && values.some((v) => textMatches(v, pick(user)));
  };

  return [...store.cases.values()]
    .filter(
      (c) =>
        !c.deleted &&
        !c.spam &&
        (!status.length || status.includes(c.status)) &&
        (!channel.length || channel.includes(c.channel)) &&
        (!priority.length || priority.includes(c.priority)) &&
        (!labels.length || labels.some((id) => c.labels.includes(id))) &&
        (!staff.length || staff.includes(c.staff_id)) &&
        (!groups.length || groups.includes(c.group_id)) &&
        (!users.length || users.includes(c.user_id)) &&
        (!customIds.length || userMatches(c, customIds, (u) => u.user_custom_id)) &&
        (!emails.length || userMatches(c, emails, (u) => u.user_email)) &&
        (!subject || textMatches(subject, c.subject)) &&
        (from === undefined || c.created >= from) &&
        (to === undefined || c.created <= to) &&
        (fromUpdated === undefined || c.updated >= fromUpdated) &&
        (toUpdated === undefined || c.updated <= toUpdated),
    )
    .sort(sort);
}
