/**
 * The client's boundary: whatever shape HelpDeskEddy answers with (reference §1.4, §3) becomes
 * the types in `types.ts`. Lists may be arrays or objects keyed by id on any endpoint, ids are
 * numbers or strings, `pagination.total` is a number or a string, names are `{ru,en,ua}` or a
 * plain string. Nothing past this file has to care.
 */
import { textOf } from '../../../core/text.js';
import { parseHdeDate } from '../dates.js';
import type { HdeDepartment, HdePost, HdeStatus, HdeTicket, HdeUser, Names, Page, Pagination } from './types.js';

type Raw = Record<string, unknown>;

export const PAGE_SIZE = 30;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any id → string; absent → ''. `5`, `"5"` and `5.0` are the same id. */
export function toId(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return textOf(value).trim();
}

function text(value: unknown): string {
  return textOf(value);
}

export function names(value: unknown): Names {
  if (isRecord(value)) {
    const out: Names = {};
    for (const lang of ['ru', 'en', 'ua'] as const) if (typeof value[lang] === 'string') out[lang] = value[lang];
    return out;
  }
  return typeof value === 'string' ? { ru: value } : {};
}

function flatName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value)) {
    const n = names(value);
    return n.ru || n.en || n.ua || text(Object.values(value).find((v) => typeof v === 'string'));
  }
  return text(value);
}

/** `data` as a list, whether the endpoint sent an array or an object keyed by id. */
export function listOf(data: unknown): Raw[] {
  if (Array.isArray(data)) return data.filter(isRecord);
  if (isRecord(data)) {
    // A single object that is itself an entity (has an id) is a one-item list, not a keyed map.
    if ('id' in data && !Object.values(data).every(isRecord)) return [data];
    return Object.values(data).filter(isRecord);
  }
  return [];
}

/** `data` as one entity; TSSDK types `/users/{id}` as an array, so the first item is taken. */
export function oneOf(data: unknown): Raw {
  if (Array.isArray(data)) return isRecord(data[0]) ? data[0] : {};
  return isRecord(data) ? data : {};
}

function num(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value.trim()) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(n) ? n : fallback;
}

export function pagination(raw: unknown, items: number, page = 1): Pagination {
  const p = isRecord(raw) ? raw : {};
  const total = num(p.total, items);
  const perPage = num(p.per_page, PAGE_SIZE);
  return {
    total,
    perPage,
    currentPage: num(p.current_page, page),
    totalPages: num(p.total_pages, Math.max(1, Math.ceil(total / (perPage || PAGE_SIZE)))),
  };
}

export function page<T>(body: Raw, map: (raw: Raw) => T, requestedPage = 1): Page<T> {
  const raw = listOf(body.data);
  return { items: raw.map(map), pagination: pagination(body.pagination, raw.length, requestedPage) };
}

export function department(r: Raw): HdeDepartment {
  return { id: toId(r.id), name: flatName(r.name), names: names(r.name) };
}

export function status(r: Raw): HdeStatus {
  return { id: toId(r.id), name: flatName(r.name), names: names(r.name) };
}

export function user(r: Raw): HdeUser {
  const g = isRecord(r.group) ? r.group : {};
  const type = text(g.type);
  return {
    id: toId(r.id),
    name: text(r.name),
    lastname: text(r.lastname),
    email: text(r.email),
    status: text(r.status),
    group: { id: toId(g.id), type, name: flatName(g.name) },
    isStaff: type === 'staff',
    apiKeyVisible: typeof r.api_key === 'string' && r.api_key.trim() !== '',
    date_created: text(r.date_created),
    createdAt: parseHdeDate(r.date_created),
  };
}

export function ticket(r: Raw): HdeTicket {
  return {
    id: toId(r.id),
    unique_id: text(r.unique_id),
    title: text(r.title),
    status_id: toId(r.status_id),
    department_id: toId(r.department_id),
    priority_id: toId(r.priority_id),
    owner_id: toId(r.owner_id) || '0',
    user_id: toId(r.user_id),
    user_email: text(r.user_email),
    user_name: text(r.user_name),
    source: text(r.source),
    deleted: r.deleted === true || toId(r.deleted) === '1',
    date_created: text(r.date_created),
    date_updated: text(r.date_updated),
    createdAt: parseHdeDate(r.date_created),
    updatedAt: parseHdeDate(r.date_updated),
  };
}

export function post(r: Raw): HdePost {
  const files = Array.isArray(r.files) ? r.files.filter(isRecord) : [];
  return {
    id: toId(r.id),
    ticket_id: toId(r.ticket_id),
    user_id: toId(r.user_id),
    text: text(r.text),
    date_created: text(r.date_created),
    createdAt: parseHdeDate(r.date_created),
    files: files.map((f) => ({ name: text(f.name), url: text(f.url) })),
  };
}

function numericId(id: string): number {
  const n = Number(id);
  return Number.isFinite(n) ? n : 0;
}

/** Posts newest first whatever order arrived: a keyed object loses the server's order in JSON.parse. */
export function newestFirst(posts: HdePost[]): HdePost[] {
  return [...posts].sort((a, b) => numericId(b.id) - numericId(a.id));
}

/** Tickets in the order `order_by` asked for (the default is `date_created{desc}`). */
export function orderTickets(tickets: HdeTicket[], orderBy = 'date_created{desc}'): HdeTicket[] {
  const asc = /\{asc\}/i.test(orderBy);
  const byUpdated = /^date_updated/i.test(orderBy);
  const key = (t: HdeTicket) => (byUpdated ? t.updatedAt : t.createdAt)?.getTime() ?? 0;
  return [...tickets].sort((a, b) => {
    const d = key(a) - key(b) || numericId(a.id) - numericId(b.id);
    return asc ? d : -d;
  });
}
