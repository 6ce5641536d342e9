/**
 * Omnidesk's response envelopes, tolerated in every shape clients have met (reference §1.2):
 *
 *  - keyed object: `{"0": {"label": {...}}, "1": {...}, "total_count": 7}` (today's form),
 *  - a bare array of items (older labels/staff),
 *  - `{"case": []}` for an empty case list, `{"changelog": [...]}` for the changelog,
 *  - `count` instead of `total_count` (staff_statuses).
 */
import { ApiError } from '../../../core/errors.js';

export interface ListPage<T> {
  items: T[];
  /** Total matches across all pages, when the server said. */
  total?: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COUNT_KEYS = new Set(['total_count', 'count']);

/** `{"label": {...}}` → `{...}`; an item that is not wrapped is returned as it is. */
export function unwrapItem<T>(item: unknown, keys: readonly string[]): T {
  if (isPlainObject(item)) {
    for (const key of keys) {
      const inner = item[key];
      if (isPlainObject(inner)) return inner as T;
    }
  }
  return item as T;
}

export function unwrapList<T>(data: unknown, keys: readonly string[], what: string): ListPage<T> {
  if (Array.isArray(data)) return { items: data.map((item) => unwrapItem<T>(item, keys)) };
  if (!isPlainObject(data)) {
    throw new ApiError(`Omnidesk answered ${what} with ${describe(data)} where a list was expected.`, {
      code: 'bad_response',
    });
  }
  for (const key of keys) {
    const inner = data[key];
    if (Array.isArray(inner)) return { items: inner.map((item) => unwrapItem<T>(item, keys)), total: countOf(data) };
  }
  const numbered = Object.keys(data)
    .filter((key) => !COUNT_KEYS.has(key) && isPlainObject(data[key]))
    // Keys are "0", "1", …; JSON object order is insertion order, but sort to be safe.
    .sort((a, b) => Number(a) - Number(b));
  return { items: numbered.map((key) => unwrapItem<T>(data[key], keys)), total: countOf(data) };
}

function countOf(data: Record<string, unknown>): number | undefined {
  for (const key of COUNT_KEYS) {
    const value = data[key];
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  return undefined;
}

/** `{"case": {...}}` → `{...}`. */
export function unwrapEntity<T>(data: unknown, key: string, what: string): T {
  if (isPlainObject(data)) {
    const inner = data[key];
    if (isPlainObject(inner)) return inner as T;
  }
  throw new ApiError(`Omnidesk answered ${what} with ${describe(data)} where {"${key}": {…}} was expected.`, {
    code: 'bad_response',
  });
}

function describe(data: unknown): string {
  if (data === undefined) return 'an empty body';
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'an array';
  if (isPlainObject(data)) {
    const keys = Object.keys(data).slice(0, 4);
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
  }
  return `a ${typeof data}`;
}
