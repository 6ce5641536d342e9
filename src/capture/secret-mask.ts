/**
 * Where a webhook carries credentials, and how a capture record shows them: as `***`. A secret
 * is recognised by where it sits, whatever its value — a credential-shaped header, a credential
 * query parameter, the token segment of a known webhook URL form, the whole query of
 * BILLmanager's URL — or by its shape (a long random path segment, like every token omnibot
 * generates). Configured values are masked anywhere as well, by the registry in
 * core/io/secrets.ts. Every record that leaves the listener, and every record tail, replay and
 * capture redact show or write, goes through `maskRecord`.
 */
import { REDACTED } from './record.js';

/** Header names that carry credentials outright. */
const CREDENTIAL_HEADER_NAMES = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
]);
/** `x-auth-token`, `x-webhook-secret`, `x-access-token`, `x-api-key`, `x-session-id`… */
const CREDENTIAL_HEADER =
  /(?:^|-)(?:token|secret|password|passwd|api-?key|apikey|auth|credentials?|session(?:-?id)?)(?:$|-)/;

const headerVerdicts = new Map<string, boolean>();

/** True for a (lower-case) header name that carries a credential. Cached: names repeat. */
export function isCredentialHeader(name: string): boolean {
  let verdict = headerVerdicts.get(name);
  if (verdict === undefined) {
    verdict = CREDENTIAL_HEADER_NAMES.has(name) || CREDENTIAL_HEADER.test(name);
    if (headerVerdicts.size < 1000) headerVerdicts.set(name, verdict);
  }
  return verdict;
}

/** `token`, `access_token`, `bot_token`, `api_key`, `apikey`, `key`, `secret_key`, `password`, `sig`… */
const CREDENTIAL_PARAM =
  /^(?:[a-z0-9]+[_-])*(?:token|secret|password|passwd|pwd|pass|signature|sig|apikey|auth|authorization|credentials?|session(?:_?id)?|sessid)$|^(?:[a-z0-9]+[_-])?key$/i;

/** True for a query parameter name (already decoded) that carries a credential. */
export function isCredentialParam(name: string): boolean {
  return name.length > 0 && name.length <= 64 && CREDENTIAL_PARAM.test(name);
}

/** BILLmanager's custom-channel webhook: `https://…/mancgi/omnidesk_webhook?<secret_key>`. */
export const BILLMANAGER_WEBHOOK_PATH = '/mancgi/omnidesk_webhook';
/** The slot name replay and its messages use for BILLmanager's bare query secret. */
export const BILLMANAGER_SECRET_PARAM = 'secret_key';

function decodeName(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The query with credential values (and `extraParam`'s, the listener's shared-secret parameter)
 * replaced by `***`; every other byte is kept. BILLmanager's bare `?<secret>` becomes `?***`.
 */
export function maskQuery(query: string, path = '', extraParam?: string): string {
  if (query === '') return query;
  if (!query.includes('=') && path.endsWith(BILLMANAGER_WEBHOOK_PATH)) return REDACTED;
  let changed = false;
  const pairs = query.split('&');
  for (let i = 0; i < pairs.length; i += 1) {
    const pair = pairs[i]!;
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) continue;
    const name = decodeName(pair.slice(0, eq));
    if (pair.slice(eq + 1) === REDACTED || !(name === extraParam || isCredentialParam(name))) continue;
    pairs[i] = `${pair.slice(0, eq)}=${REDACTED}`;
    changed = true;
  }
  return changed ? pairs.join('&') : query;
}

/** A segment that looks generated: 32+ characters of base64url/hex mixing letters and digits. */
const TOKEN_SHAPED = /^[A-Za-z0-9_~.-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tokenShaped(segment: string): boolean {
  return TOKEN_SHAPED.test(segment) && /\d/.test(segment) && /[A-Za-z]/.test(segment) && !UUID.test(segment);
}

/**
 * The known forms whose next segment is the bot token: the reference bot's
 * `/helpdeskeddy/<token>` and the bot platform's `/api/bots/helpdeskeddy_bot/webhook/<token>`.
 */
function tokenFollows(segments: string[], i: number): boolean {
  const before = segments[i - 1];
  if (before === 'helpdeskeddy') return true;
  return before === 'webhook' && segments[i - 2] === 'helpdeskeddy_bot';
}

/** The path with its secret segments replaced by `***`. */
export function maskPath(path: string): string {
  // The common case — a short path with no long segment and no known form's token — costs one scan.
  if (path.length < 34 && !path.includes('helpdeskeddy/')) return path;
  const segments = path.split('/');
  let changed = false;
  for (let i = 1; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (segment === '' || segment === REDACTED) continue;
    if (tokenFollows(segments, i) || tokenShaped(segment)) {
      segments[i] = REDACTED;
      changed = true;
    }
  }
  return changed ? segments.join('/') : path;
}

export interface MaskPolicy {
  /** The listener's shared-secret header (lower case) and query parameter. */
  secretHeader?: string;
  secretQuery?: string;
}

/** `Basic …`, `Bearer …`, `Token …`: a credential whatever header carries it. */
const AUTH_SCHEME = /^(?:basic|bearer|token|digest|hmac|negotiate)\s+\S/i;

/** One header value as a record shows it. */
export function maskHeaderValue(name: string, value: string, policy: MaskPolicy = {}): string {
  if (isCredentialHeader(name) || name === policy.secretHeader) return REDACTED;
  // Only a value with a space can be `<scheme> <credential>`: most values skip the regex.
  return value.length > 6 && value.includes(' ') && AUTH_SCHEME.test(value) ? REDACTED : value;
}

interface MaskableRecord {
  path: string;
  query: string;
  headers: Record<string, string>;
  repeatedHeaders?: Record<string, string[]>;
}

/** A copy of a record with every secret it carries in its path, query and headers masked. */
export function maskRecord<R extends MaskableRecord>(record: R, policy: MaskPolicy = {}): R {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(record.headers)) headers[name] = maskHeaderValue(name, record.headers[name]!, policy);
  const out: R = {
    ...record,
    path: maskPath(record.path),
    query: maskQuery(record.query, record.path, policy.secretQuery),
    headers,
  };
  if (record.repeatedHeaders) {
    const repeated: Record<string, string[]> = {};
    for (const name of Object.keys(record.repeatedHeaders))
      repeated[name] = record.repeatedHeaders[name]!.map((v) => maskHeaderValue(name, v, policy));
    out.repeatedHeaders = repeated;
  }
  return out;
}

/** A URL for display (a replay's result line): its path and query masked as a record's are. */
export function maskUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!m) return url;
  const path = m[2] ?? '';
  const query = m[3];
  return `${m[1]}${maskPath(path)}${query === undefined ? '' : `?${maskQuery(query, path)}`}`;
}
