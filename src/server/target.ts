/**
 * The request target of an incoming request as a URL, without ever throwing. `new URL(target,
 * base)` reads `//[` as an authority and throws (a raw `GET //[ HTTP/1.1` once killed a
 * sandbox), and `//evil/x` as another host; here an origin-form target is always a path on
 * this server, and anything that is no URL at all is `undefined` (the caller answers 400).
 */

const BASE = 'http://sandbox.invalid';

export function requestUrl(target: string | undefined): URL | undefined {
  const raw = target ?? '/';
  try {
    if (raw.startsWith('/')) return new URL(BASE + raw);
    // Absolute form (`GET http://host/path HTTP/1.1`), which proxies send and servers must accept.
    if (/^https?:\/\//i.test(raw)) {
      const url = new URL(raw);
      return new URL(BASE + url.pathname + url.search);
    }
  } catch {
    // Not a URL: fall through.
  }
  return undefined;
}

/** `decodeURIComponent` that leaves a malformed escape (`%E0%A4%A`) as it was instead of throwing. */
export function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
