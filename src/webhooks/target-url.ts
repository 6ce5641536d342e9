/**
 * Where a forwarded or replayed request goes: the recorded path is appended to the target's
 * path and the recorded query is merged after the target's own. `--to http://localhost:3000`
 * thus re-sends `/omnidesk?x=1` to `http://localhost:3000/omnidesk?x=1`, and a target with a
 * path (`…/bot`) becomes a prefix (`…/bot/omnidesk`).
 */
import { UsageError } from '../core/errors.js';

/** Splits a request target (`/a/b?x=1`, or absolute-form `http://h/a?x`) into raw path and query. */
export function splitTarget(target: string): { path: string; query: string } {
  let rest = target;
  if (/^https?:\/\//i.test(rest)) {
    const slash = rest.indexOf('/', rest.indexOf('//') + 2);
    rest = slash === -1 ? '/' : rest.slice(slash);
  }
  const q = rest.indexOf('?');
  return q === -1 ? { path: rest || '/', query: '' } : { path: rest.slice(0, q) || '/', query: rest.slice(q + 1) };
}

/** Parses a `--to` / `--forward-to` URL, naming the flag when it is not http(s). */
export function parseTargetUrl(text: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag}: "${text}" is not a URL.`, {
      hint: 'Use a full URL such as http://127.0.0.1:3000/webhook.',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${flag}: only http and https URLs are supported (got ${url.protocol}).`);
  return url;
}

export function joinTarget(base: URL, path: string, query: string): string {
  return targetJoiner(base)(path, query);
}

/** `joinTarget` with everything about `base` worked out once, for a replay's million calls. */
export function targetJoiner(base: URL): (path: string, query: string) => string {
  const pathname = base.pathname;
  const basePath = pathname === '/' ? '' : pathname.replace(/\/$/, '');
  const baseQuery = base.search.replace(/^\?/, '');
  const origin = `${base.protocol}//${base.host}`;
  return (path, query) => {
    let joined = path === '' || path === '/' ? pathname : basePath + (path.startsWith('/') ? path : `/${path}`);
    if (joined === '') joined = '/';
    const fullQuery = baseQuery === '' ? query : query === '' ? baseQuery : `${baseQuery}&${query}`;
    return `${origin}${joined}${fullQuery ? `?${fullQuery}` : ''}`;
  };
}

/** True when `path` is the prefix itself or below it, on a segment boundary. */
export function underPrefix(path: string, prefix: string | undefined): boolean {
  if (!prefix || prefix === '/') return true;
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === p || path.startsWith(`${p}/`);
}

/** `hook`, `/hook/` → `/hook`. */
export function normalizePrefix(prefix: string): string {
  let p = prefix.trim();
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}
