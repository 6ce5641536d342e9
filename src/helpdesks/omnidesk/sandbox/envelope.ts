/**
 * Omnidesk's list envelope: an object keyed "0", "1", … each wrapping `{"<entity>": {...}}`,
 * plus `total_count` (the total matches, not the page size), with page 1..500 and limit 1..100.
 */
import { toInt } from '../../../server/query.js';
import { invalid } from './api-errors.js';

const MAX_PAGE = 500;
const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 100;

export interface Page {
  page: number;
  limit: number;
  /** True when the caller named a page (messages default to the last page otherwise). */
  explicit: boolean;
}

function bounded(raw: string | null, name: string, max: number, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  const n = toInt(raw);
  if (n === undefined || n < 1 || n > max) throw invalid(`wrong_${name}`);
  return n;
}

export function readPage(query: URLSearchParams): Page {
  return {
    page: bounded(query.get('page'), 'page', MAX_PAGE, 1),
    limit: bounded(query.get('limit'), 'limit', MAX_LIMIT, DEFAULT_LIMIT),
    explicit: query.has('page'),
  };
}

export function slicePage<T>(items: T[], page: Page): T[] {
  const start = (page.page - 1) * page.limit;
  return items.slice(start, start + page.limit);
}

export function keyedList(
  entity: string,
  pageItems: unknown[],
  total: number,
  totalKey: 'total_count' | 'count' = 'total_count',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  pageItems.forEach((item, i) => {
    out[String(i)] = { [entity]: item };
  });
  out[totalKey] = total;
  return out;
}

/** The common case: validate page/limit, slice, wrap. */
export function listReply<T>(
  entity: string,
  items: T[],
  query: URLSearchParams,
  toJson: (item: T) => unknown,
  totalKey: 'total_count' | 'count' = 'total_count',
): Record<string, unknown> {
  const page = readPage(query);
  return keyedList(entity, slicePage(items, page).map(toJson), items.length, totalKey);
}
