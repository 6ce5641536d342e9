/**
 * Replay never sends a masked value. Where a capture shows `***` — a bot token in the path, a
 * credential query parameter, BILLmanager's secret query, a credential header — the request to
 * re-send gets the real value back from a flag, the config or the environment; when none of
 * them knows it, the record is refused with the reason and the flag that would supply it.
 * Repeated headers go out repeated, as they came in.
 */
import { HOP_BY_HOP_HEADERS } from '../capture/headers.js';
import { REDACTED, type CaptureRecord } from '../capture/record.js';
import { BILLMANAGER_SECRET_PARAM } from '../capture/secret-mask.js';
import type { KnownSecrets, PathToken } from './known-secrets.js';

export interface RestoreSources {
  known: KnownSecrets;
  /** --token-env: the value of a masked path token. */
  token?: string;
  /** --query-env <param>=<VAR>: values of masked query parameters, by name. */
  query: Map<string, string>;
  /** --header: names (lower case) the user supplies; they replace the recorded ones. */
  headerNames: ReadonlySet<string>;
}

export type Restored =
  { ok: true; path: string; query: string; headers: Array<[string, string]> } | { ok: false; reason: string };

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The one token that fits the recorded path: the only one known, or the one whose URL form matches. */
function pickToken(path: string, tokens: PathToken[]): PathToken | undefined {
  if (tokens.length === 1) return tokens[0];
  const fitting = tokens.filter(
    (t) => t.maskedPath !== undefined && (path === t.maskedPath || path.endsWith(t.maskedPath)),
  );
  return fitting.length === 1 ? fitting[0] : undefined;
}

function restorePath(path: string, sources: RestoreSources): string | { reason: string } {
  if (!path.includes(REDACTED)) return path;
  const value = sources.token ?? pickToken(path, sources.known.pathTokens)?.value;
  if (value === undefined) {
    const many =
      sources.known.pathTokens.length > 1 ? ' (the config has several bot tokens and none fits this path)' : '';
    return {
      reason: `its path carries a token that was masked when captured${many}; give the token with --token-env <VAR>`,
    };
  }
  return path.split(REDACTED).join(encodeURIComponent(value));
}

function queryValue(name: string, sources: RestoreSources): string | undefined {
  return sources.query.get(name) ?? sources.known.queryValues.get(name)?.value;
}

function restoreQuery(query: string, sources: RestoreSources): string | { reason: string } {
  if (!query.includes(REDACTED)) return query;
  if (query === REDACTED) {
    // BILLmanager's URL carries its secret_key as the whole query.
    const value = queryValue(BILLMANAGER_SECRET_PARAM, sources);
    if (value === undefined)
      return {
        reason:
          `its query (BILLmanager's ${BILLMANAGER_SECRET_PARAM}) was masked when captured; give it with ` +
          `--query-env ${BILLMANAGER_SECRET_PARAM}=<VAR>`,
      };
    return encodeURIComponent(value);
  }
  const pairs = query.split('&');
  for (let i = 0; i < pairs.length; i += 1) {
    const pair = pairs[i]!;
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(eq + 1) !== REDACTED) continue;
    const name = decodeName(pair.slice(0, eq));
    const value = queryValue(name, sources);
    if (value === undefined)
      return {
        reason: `query parameter ${name} was masked when captured; give its value with --query-env ${name}=<VAR>`,
      };
    pairs[i] = `${pair.slice(0, eq)}=${encodeURIComponent(value)}`;
  }
  return pairs.join('&');
}

/** The recorded headers to send (flags' names left out: the caller appends the flags after). */
function restoreHeaders(record: CaptureRecord, sources: RestoreSources): Array<[string, string]> | { reason: string } {
  const out: Array<[string, string]> = [];
  const masked: string[] = [];
  const repeated = record.repeatedHeaders;
  for (const name of Object.keys(record.headers)) {
    if (HOP_BY_HOP_HEADERS.has(name) || sources.headerNames.has(name)) continue;
    const values = repeated?.[name] ?? [record.headers[name]!];
    for (const value of values) {
      if (value === REDACTED) masked.push(name);
      else out.push([name, value]);
    }
  }
  if (masked.length === 0) return out;
  const names = [...new Set(masked)];
  return {
    reason:
      `header${names.length > 1 ? 's' : ''} ${names.join(', ')} ${names.length > 1 ? 'were' : 'was'} masked ` +
      `when captured; give ${names.map((n) => `--header "${n}: …"`).join(' ')}`,
  };
}

export function restoreRequest(record: CaptureRecord, sources: RestoreSources): Restored {
  const path = restorePath(record.path, sources);
  const query = restoreQuery(record.query, sources);
  const headers = restoreHeaders(record, sources);
  if (typeof path === 'string' && typeof query === 'string' && Array.isArray(headers))
    return { ok: true, path, query, headers };
  // Name every value that is missing at once, so one more run is enough.
  const reasons = [path, query, headers]
    .filter((r): r is { reason: string } => typeof r === 'object' && !Array.isArray(r))
    .map((r) => r.reason);
  return { ok: false, reason: reasons.join('; ') };
}
