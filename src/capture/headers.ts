/**
 * Which headers a capture keeps, which it masks, and which a forward or a replay may send.
 * Credentials are masked at capture time (unless --keep-secrets) so a capture file can be
 * shared; hop-by-hop headers describe one connection and must never be re-sent on another.
 */
import { maskHeaderValue } from './secret-mask.js';

/** RFC 9110 §7.6.1 plus the headers the HTTP client computes itself for the new connection. */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
  'content-length',
]);

export interface HeaderPolicy {
  keepSecrets?: boolean;
  /** The shared-secret header name (lower case), redacted like a credential. */
  secretHeader?: string;
}

/** Lower-case names, one string per header (repeats joined with ", " as HTTP allows). */
export function captureHeaders(raw: NodeJS.Dict<string | string[]>, policy: HeaderPolicy = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = policy.keepSecrets ? text : maskHeaderValue(name, text, policy);
  }
  return out;
}

/**
 * Every value of each header name that came more than once, in order, from Node's raw header
 * list (`headers` joins some repeats and drops others); undefined when no name repeats.
 */
export function repeatedHeaders(
  rawHeaders: string[],
  distinctNames: number,
  policy: HeaderPolicy = {},
): Record<string, string[]> | undefined {
  if (rawHeaders.length / 2 <= distinctNames) return undefined;
  const all = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const values = all.get(name);
    if (values) values.push(rawHeaders[i + 1]!);
    else all.set(name, [rawHeaders[i + 1]!]);
  }
  const out: Record<string, string[]> = {};
  let any = false;
  for (const [name, values] of all) {
    if (values.length < 2) continue;
    out[name] = policy.keepSecrets ? values : values.map((v) => maskHeaderValue(name, v, policy));
    any = true;
  }
  return any ? out : undefined;
}

/**
 * Headers a forward sends, repeats kept as repeats: everything but hop-by-hop (credentials pass through to the bot).
 */
export function forwardHeaders(rawHeaders: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (!HOP_BY_HOP_HEADERS.has(name.toLowerCase())) out.push([name, rawHeaders[i + 1]!]);
  }
  return out;
}

/** The value of one query parameter, or undefined. */
export function queryParam(query: string, param: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = safeDecode(eq === -1 ? pair : pair.slice(0, eq));
    if (name === param) return eq === -1 ? '' : safeDecode(pair.slice(eq + 1));
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
