/**
 * Retry timing and the retry decision shared by the helpdesk clients. No HTTP library here:
 * each client maps its transport's errors and statuses onto these helpers.
 */

export interface BackoffOptions {
  /** First retry waits up to this long (before jitter). */
  baseMs?: number;
  /** No single wait (without a server retry-after) exceeds this. */
  maxMs?: number;
  /** Injectable for tests; must return a number in [0, 1). */
  random?: () => number;
}

const DEFAULT_BACKOFF = { baseMs: 250, maxMs: 8_000 } as const;

/**
 * How long to wait before retry number `retry` (1 = the first retry). "Full jitter": a uniform
 * draw below an exponentially growing cap, so clients that failed together do not come back
 * together. A server's retry-after is a floor: we never come back earlier than it asked, and add
 * a little jitter on top so a crowd released at the same instant spreads out.
 */
export function backoffDelay(retry: number, options: BackoffOptions & { retryAfterMs?: number } = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, Math.min(retry - 1, 30));
  const cap = Math.min(maxMs, baseMs * 2 ** exponent);
  if (options.retryAfterMs !== undefined && options.retryAfterMs >= 0) {
    return Math.round(options.retryAfterMs + random() * Math.min(baseMs, cap));
  }
  return Math.round(random() * cap);
}

/**
 * Parses a retry hint: delta seconds (`"7"`, `"1.5"`) as Omnidesk's `retry_after` and HTTP's
 * `Retry-After` send it, or an HTTP date. Returns milliseconds, or undefined when absent/garbage.
 */
export function parseRetryAfter(
  value: string | string[] | number | undefined | null,
  now = Date.now(),
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw * 1000 : undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Methods whose repetition cannot create a second object. POST and PATCH are never among them. */
export function isIdempotentMethod(method: string): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD' || m === 'PUT' || m === 'DELETE' || m === 'OPTIONS';
}

/** Statuses that mean "try again later", not "your request is wrong". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Transient network failures. A refused connection and an unknown host are deliberately absent:
 * they mean a wrong URL or a helpdesk that is down, and retrying only delays the message.
 */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Follows `cause` chains: transports wrap the system error one or two levels deep. */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string' && (name === 'TimeoutError' || name === 'AbortError')) codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** A per-call timeout fired (ours or the transport's), as opposed to a user's cancel. */
export function isTimeoutError(err: unknown): boolean {
  return errorCodes(err).some(
    (c) =>
      c === 'TimeoutError' ||
      c === 'ETIMEDOUT' ||
      c === 'UND_ERR_CONNECT_TIMEOUT' ||
      c === 'UND_ERR_HEADERS_TIMEOUT' ||
      c === 'UND_ERR_BODY_TIMEOUT',
  );
}

export function isRetryableError(err: unknown): boolean {
  if (isTimeoutError(err)) return true;
  return errorCodes(err).some((c) => TRANSIENT_CODES.has(c));
}
