/**
 * Turns what went wrong on the wire into the typed errors users see. Messages name the URL and
 * the cause in plain words; hints say what to do. Nothing here ever sees the API key: callers
 * pass the e-mail and the origin only.
 */
import { errorCodes, isTimeoutError } from '../../../core/http/backoff.js';
import { ApiError, AuthError, type OmnibotError } from '../../../core/errors.js';

export interface RequestFacts {
  method: string;
  /** Path with query, relative to the origin, e.g. `/api/labels.json?page=1`. */
  path: string;
  baseUrl: string;
  email: string;
}

export interface ResponseFacts {
  status: number;
  contentType?: string;
  /** The parsed JSON body, or undefined when the body was empty or not JSON. */
  data: unknown;
  text: string;
  retryAfterMs?: number;
}

function apiKeyPage(baseUrl: string): string {
  return `${baseUrl}/admin/settings/api/`;
}

/** The old per-hour scheme answered 403 with "rate limit exceeded" in the body. */
export function isRateLimited(status: number, text: string): boolean {
  return status === 429 || (status === 403 && /rate limit exceeded/i.test(text));
}

function apiCodeOf(data: unknown): string | undefined {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const code = (data as { error?: unknown }).error;
    if (typeof code === 'string' && code) return code;
  }
  return undefined;
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
}

/** Codes that blame the request's data, not the caller's credentials, even when sent with 403. */
const REQUEST_DATA_CODE = /(_not_found|_not_active|_already_exist)$|^(incorrect|wrong)_/;

export function mapHttpError(req: RequestFacts, res: ResponseFacts): OmnibotError {
  const where = `${req.method} ${req.baseUrl}${req.path}`;
  const apiCode = apiCodeOf(res.data);
  const details = { status: res.status, method: req.method, url: `${req.baseUrl}${req.path}`, apiCode };

  if (isRateLimited(res.status, res.text)) {
    const wait = res.retryAfterMs !== undefined ? ` and asked to wait ${seconds(res.retryAfterMs)}` : '';
    return new ApiError(`Omnidesk rate limit reached at ${req.baseUrl} (HTTP ${res.status})${wait}.`, {
      code: 'rate_limited',
      status: res.status,
      apiCode,
      details,
      hint:
        'Wait a minute and run again, or lower omnidesk.rateLimitPerMinute in the config if other tools share ' +
        'this account.',
    });
  }

  if (res.status === 401 || (res.status === 403 && !(apiCode && REQUEST_DATA_CODE.test(apiCode)))) {
    const what = res.status === 401 ? 'refused the API key' : 'refused access';
    const why = apiCode ? ` (${apiCode})` : '';
    return new AuthError(`Omnidesk ${what} of ${req.email} at ${req.baseUrl} (HTTP ${res.status}${why}).`, {
      code: res.status === 401 ? 'auth' : 'permission',
      details,
      hint:
        `Check that ${req.email} is an active staff member and that the API key is this member's: ` +
        `Omnidesk admin → «Настройки» → «API» (${apiKeyPage(req.baseUrl)}). ` +
        'Put the key in the environment variable your config names, never in the file.',
    });
  }

  if (res.status >= 500) {
    return new ApiError(
      `Omnidesk had an internal error answering ${where} (HTTP ${res.status}${apiCode ? `, ${apiCode}` : ''}).`,
      {
        code: 'server_error',
        status: res.status,
        apiCode,
        details,
        hint: 'This is on the helpdesk side; try again in a minute.',
      },
    );
  }

  if (apiCode) {
    const notFound = apiCode.endsWith('_not_found');
    return new ApiError(`Omnidesk answered ${where} with "${apiCode}" (HTTP ${res.status}).`, {
      code: notFound ? 'not_found' : 'api',
      status: res.status,
      apiCode,
      details,
    });
  }

  if (res.data === undefined && res.text.trim() !== '') {
    return notJson(req, res);
  }

  if (res.status === 404) {
    return new ApiError(`Omnidesk answered ${where} with 404 Not Found.`, {
      code: 'not_found',
      status: 404,
      details,
      hint: `Check the account URL (${req.baseUrl}); a wrong subdomain also answers 404.`,
    });
  }

  return new ApiError(`Omnidesk answered ${where} with HTTP ${res.status}.`, { status: res.status, details });
}

export function notJson(req: RequestFacts, res: ResponseFacts): ApiError {
  const type = res.contentType ? res.contentType.split(';')[0] : 'no content type';
  return new ApiError(
    `Omnidesk answered ${req.method} ${req.baseUrl}${req.path} with a body that is not JSON (${type}, HTTP ` +
      `${res.status}).`,
    {
      code: 'bad_response',
      status: res.status,
      details: { status: res.status, method: req.method, url: `${req.baseUrl}${req.path}` },
      hint: `Check that ${req.baseUrl} is an Omnidesk account URL and that no proxy rewrites the answer.`,
    },
  );
}

const CAUSES: Array<[RegExp, string, string]> = [
  [/^ECONNREFUSED$/, 'unreachable', 'the connection was refused (nothing is listening there)'],
  [/^(ENOTFOUND|EAI_AGAIN)$/, 'unreachable', 'the host name could not be resolved'],
  [/^(ENETUNREACH|EHOSTUNREACH)$/, 'unreachable', 'the network or host is unreachable'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'network', 'the connection was closed unexpectedly'],
  [/CERT|SSL|TLS|SELF_SIGNED/, 'network', 'the TLS certificate could not be verified'],
];

/** A failure with no HTTP answer: refused, unknown host, reset, timeout. */
export function mapNetworkError(req: RequestFacts, err: unknown, timeoutMs: number): ApiError {
  const url = `${req.baseUrl}${req.path}`;
  const details = { method: req.method, url };
  if (isTimeoutError(err)) {
    return new ApiError(`Omnidesk did not answer ${req.method} ${url} within ${seconds(timeoutMs)}.`, {
      code: 'timeout',
      cause: err,
      details,
      hint: 'The helpdesk may be slow or unreachable; try again, or raise omnidesk.timeoutMs in the config.',
    });
  }
  const codes = errorCodes(err);
  for (const [pattern, code, words] of CAUSES) {
    if (codes.some((c) => pattern.test(c))) {
      return new ApiError(`Cannot reach Omnidesk at ${req.baseUrl}: ${words}.`, {
        code,
        cause: err,
        details: { ...details, errno: codes[0] },
        hint: `Check omnidesk.url in the config (${req.baseUrl}) and your network connection.`,
      });
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(`Cannot reach Omnidesk at ${req.baseUrl}: ${message}.`, {
    code: 'network',
    cause: err,
    details,
    hint: `Check omnidesk.url in the config (${req.baseUrl}) and your network connection.`,
  });
}
