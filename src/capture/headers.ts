/**
 * Which headers a capture keeps, which it redacts, and which a forward or a replay may send.
 * Credentials are redacted at capture time (unless --keep-secrets) so a capture file can be
 * shared; hop-by-hop headers describe one connection and must never be re-sent on another.
 */
import { REDACTED } from './record.js';

export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
]);

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
    const secret = CREDENTIAL_HEADERS.has(name) || name === policy.secretHeader;
    out[name] = secret && !policy.keepSecrets ? REDACTED : text;
  }
  return out;
}

/** Headers a forward sends: everything but hop-by-hop (credentials pass through to the bot). */
export function forwardHeaders(raw: NodeJS.Dict<string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    if (value === undefined || HOP_BY_HOP_HEADERS.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Headers a replay sends: no hop-by-hop, no credentials, nothing that was redacted; then
 * `extra` applied over them (a name already there keeps its place and takes the new value;
 * others follow in order), as one object. `extraNames` is `Object.keys(extra)`, worked out
 * once by a caller that replays many records.
 */
export function replayHeaders(
  recorded: Record<string, string>,
  extra: Record<string, string> = {},
  extraNames: readonly string[] = Object.keys(extra),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(recorded)) {
    const value = recorded[name]!;
    if (HOP_BY_HOP_HEADERS.has(name) || CREDENTIAL_HEADERS.has(name) || value === REDACTED) continue;
    out[name] = value;
  }
  for (let i = 0; i < extraNames.length; i += 1) out[extraNames[i]!] = extra[extraNames[i]!]!;
  return out;
}

/** Replaces the value of one query parameter, leaving every other byte of the query alone. */
export function redactQueryParam(query: string, param: string | undefined): string {
  if (!param || query === '') return query;
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      return safeDecode(rawName) === param ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
}

/** Drops parameters whose value was redacted: replaying `token=***` would only confuse the target. */
export function dropRedactedParams(query: string): string {
  if (query === '') return query;
  return query
    .split('&')
    .filter((pair) => !pair.endsWith(`=${REDACTED}`))
    .join('&');
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

/** A copy of a record with credentials masked, for output that must never carry them (stdout). */
export function maskRecordSecrets<R extends { headers: Record<string, string>; query: string }>(record: R, policy: HeaderPolicy & { secretQuery?: string }): R {
  return {
    ...record,
    headers: captureHeaders(record.headers, { secretHeader: policy.secretHeader }),
    query: redactQueryParam(record.query, policy.secretQuery),
  };
}
