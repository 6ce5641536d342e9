/**
 * Query-string helpers for PHP-style APIs. Omnidesk clients send multi-value filters three
 * ways (`status[]=a&status[]=b`, `status[0]=a&status[1]=b`, `status=a`); all mean the same.
 */

export function queryAll(query: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  const indexed = new RegExp(`^${name.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}\\[\\d*\\]$`);
  for (const [key, value] of query) {
    if (key === name || indexed.test(key)) values.push(...value.split(',').filter((v) => v !== ''));
  }
  return values;
}

export function queryOne(query: URLSearchParams, name: string): string | undefined {
  return queryAll(query, name)[0];
}

/** A whole decimal number or undefined; "12abc" and "1.5" are not numbers here. */
export function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/**
 * Omnidesk's text search: substring by default, `^abc^` exact, `^abc` prefix, `abc^` suffix.
 * Case-insensitive, as a person searching would expect.
 */
export function textMatches(pattern: string, value: string | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  const v = value.toLowerCase();
  let p = pattern.toLowerCase();
  const start = p.startsWith('^');
  const end = p.length > 1 && p.endsWith('^');
  if (start) p = p.slice(1);
  if (end) p = p.slice(0, -1);
  if (start && end) return v === p;
  if (start) return v.startsWith(p);
  if (end) return v.endsWith(p);
  return v.includes(p);
}
