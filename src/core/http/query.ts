/**
 * Query strings in the PHP bracket style both helpdesks parse: arrays become `key[]=a&key[]=b`.
 * Brackets stay literal because that is what the helpdesks' own docs and clients send.
 */

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;
export type QueryParams = Record<string, QueryValue>;

export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const name = encodeURIComponent(key);
    if (Array.isArray(value)) {
      for (const item of value) parts.push(`${name}[]=${encodeURIComponent(String(item))}`);
    } else {
      parts.push(`${name}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function withQuery(path: string, params: QueryParams | undefined): string {
  const query = buildQuery(params);
  if (!query) return path;
  return path.includes('?') ? `${path}&${query.slice(1)}` : `${path}${query}`;
}
