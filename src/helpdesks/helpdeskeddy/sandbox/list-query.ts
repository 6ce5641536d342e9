/**
 * Reading HelpDeskEddy list parameters (reference §2.2 [C+], §2.1 for users): comma-separated
 * id lists (`priority_list=1,3`; `x[]=` too), 0/1 flags, `YYYY-MM-DD HH:MM:SS` date bounds, and
 * `order_by` as `field{asc}` / `field{desc}`, several comma-separated. Values that cannot be
 * read are a 400 naming the parameter, or ignored when the `badFilter` switch says so [INF].
 */
import { queryAll } from '../../../server/query.js';
import { formatDateTime, parseHdeDate } from '../dates.js';
import { badRequest } from './request-body.js';

export interface QueryReader {
  query: URLSearchParams;
  badFilter: 'reject' | 'ignore';
}

function refuse(r: QueryReader, name: string, why: string): undefined {
  if (r.badFilter === 'reject') throw badRequest(`Parameter ${name}: ${why}.`);
  return undefined;
}

/** Comma-separated whole numbers; undefined when the parameter is absent (or unreadable and ignored). */
export function idList(r: QueryReader, name: string): number[] | undefined {
  const raw = queryAll(r.query, name)
    .map((v) => v.trim())
    .filter(Boolean);
  if (raw.length === 0) return undefined;
  if (raw.some((v) => !/^-?\d{1,15}$/.test(v))) return refuse(r, name, 'expected comma-separated numeric ids');
  return raw.map(Number);
}

/** Comma-separated slugs (status ids). */
export function slugList(r: QueryReader, name: string): string[] | undefined {
  const raw = queryAll(r.query, name)
    .map((v) => v.trim())
    .filter(Boolean);
  return raw.length ? raw : undefined;
}

/** `0` or `1` (`true`/`false` too). */
export function flag(r: QueryReader, name: string): 0 | 1 | undefined {
  const v = r.query.get(name)?.trim().toLowerCase();
  if (v === undefined || v === '') return undefined;
  if (v === '1' || v === 'true') return 1;
  if (v === '0' || v === 'false') return 0;
  return refuse(r, name, 'expected 0 or 1');
}

/**
 * `YYYY-MM-DD HH:MM:SS` (the documented form); `YYYY-MM-DD HH:MM` and a bare date (midnight) are
 * read too [INF]. Wall-clock time in the account's zone, like the dates the API prints (§3).
 */
export function dateParam(r: QueryReader, name: string): Date | undefined {
  const v = r.query.get(name)?.trim();
  if (v === undefined || v === '') return undefined;
  const date = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v)
    ? parseHdeDate(v)
    : /^\d{4}-\d{2}-\d{2}$/.test(v)
      ? parseHdeDate(`${v} 00:00:00`)
      : undefined;
  return date ?? refuse(r, name, `expected YYYY-MM-DD HH:MM:SS, got "${v}"`);
}

/** Inclusive bounds, compared at the API's one-second resolution. */
export function within(value: Date, from: Date | undefined, to: Date | undefined): boolean {
  const at = formatDateTime(value);
  return (!from || at >= formatDateTime(from)) && (!to || at <= formatDateTime(to));
}

export interface SortKey {
  field: string;
  desc: boolean;
}

/**
 * `date_created{desc},date_updated{asc}` → sort keys. A field without braces sorts ascending
 * [INF]; an unknown field or direction is a 400 naming `order_by` (or ignored, per the switch).
 */
export function orderBy(r: QueryReader, allowed: readonly string[], fallback: SortKey[]): SortKey[] {
  const raw = r.query.get('order_by')?.trim();
  if (!raw) return fallback;
  const keys: SortKey[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z_]+)\s*(?:\{(asc|desc)\})?$/i.exec(part);
    if (!m || !allowed.includes(m[1]!.toLowerCase())) {
      return (
        refuse(r, 'order_by', `"${part}" is not one of ${allowed.map((f) => `${f}{asc|desc}`).join(', ')}`) ?? fallback
      );
    }
    keys.push({ field: m[1]!.toLowerCase(), desc: m[2]?.toLowerCase() === 'desc' });
  }
  return keys.length ? keys : fallback;
}

type Sortable = number | string | Date;

/**
 * A comparator over sort keys; ties go by id, in the first key's direction [INF]. Text sorts by
 * the Unicode root collation (Latin before Cyrillic, case second), as a database's unicode
 * collation would [INF].
 */
export function comparator<T extends { id: number }>(
  keys: SortKey[],
  value: (item: T, field: string) => Sortable,
): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = value(a, key.field);
      const y = value(b, key.field);
      const cmp =
        x instanceof Date && y instanceof Date
          ? formatDateTime(x).localeCompare(formatDateTime(y))
          : typeof x === 'string' && typeof y === 'string'
            ? x.localeCompare(y, 'und')
            : Number(x) - Number(y);
      if (cmp !== 0) return key.desc ? -cmp : cmp;
    }
    return keys[0]?.desc ? b.id - a.id : a.id - b.id;
  };
}
