/**
 * The one HTTP path to HelpDeskEddy (the only HDE module that imports undici). Basic auth, the
 * `/api/v2` base, the client-side rate limiter, retries for what may be retried, and the
 * classification of failures. The ban is special: the first ban reply is remembered for the
 * account's origin and every later call in this process is refused without a request, because
 * each request during a ban can prolong it.
 */
import { formatDuration } from '../../../core/duration.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import { ApiError, CancelledError } from '../../../core/errors.js';
import {
  backoffDelay,
  isIdempotentMethod,
  isRetryableError,
  isRetryableStatus,
  isTimeoutError,
  parseRetryAfter,
} from '../../../core/http/backoff.js';
import { RateLimiter } from '../../../core/http/rate-limiter.js';
import { registerBasicAuth } from '../../../core/io/secrets.js';
import { normalizeHelpdeskUrl } from '../../../core/urls.js';
import { HDE_DOMAIN } from '../account.js';
import { AccountLedger } from '../../../core/http/account-ledger.js';
import {
  apiError,
  authError,
  banError,
  banInForce,
  banMinutes,
  bannedLocally,
  isBanBody,
  isSuccessBody,
} from './errors.js';

/** When the ban reply names no length: the 20 minutes seen in practice (reference §1.6). */
const DEFAULT_BAN_MINUTES = 20;
import { HelpdeskeddyClient, type Transport, type TransportRequest } from './api.js';
import type { HelpdeskeddyApi } from './types.js';

export interface HelpdeskeddyClientOptions {
  /** Account name, host or URL; a pasted `/api/v2` is dropped. */
  url: string;
  email: string;
  apiKey: string;
  /** What omnibot allows itself; the account's limit is 300 and going over bans it. */
  rateLimitPerMinute?: number;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  /** Retries of an idempotent call on 429, 5xx and transient network errors. */
  maxRetries?: number;
  /** Cancels waits and requests. */
  signal?: AbortSignal;
  /** Debug lines (method, path, status, retries); never credentials. */
  log?: (line: string) => void;
  /** A retry announced for a person watching (its reason, the wait, the attempt). */
  progress?: (line: string) => void;
  /** Test hooks: a clock and a sleep for the limiter and the backoff. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The folder of the account ledger shared with other omnibot processes (rate budget, ban);
   * without it, only this process's own limiter and memory of a ban apply.
   */
  ledgerDir?: string;
  /** Call even though the ledger records a ban in force (`--ignore-ban`). */
  ignoreBan?: boolean;
}

/** Origin → the ban that locked it, for the rest of the process. */
const bans = new Map<string, ApiError>();

/** Test hook: forget remembered bans. */
export function clearRememberedBans(): void {
  bans.clear();
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function intHeader(headers: Record<string, string | string[] | undefined>, name: string): number | undefined {
  const v = header(headers, name);
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

export function createHelpdeskeddyClient(options: HelpdeskeddyClientOptions): HelpdeskeddyApi {
  const origin = normalizeHelpdeskUrl(options.url, HDE_DOMAIN);
  const authorization = registerBasicAuth(options.email, options.apiKey);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRetries = options.maxRetries ?? 3;
  // An abort ends any wait as a cancellation, whichever sleep (real or a test's) was waiting.
  const pause = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleep(ms, undefined, { signal }));
  const doSleep = (ms: number, signal?: AbortSignal) =>
    pause(ms, signal).catch(() => Promise.reject(new CancelledError()));
  const perMinute = options.rateLimitPerMinute ?? 250;
  // ROSMOL pauses at ≤ 30 remaining; below that the account is close to a ban whoever spends it.
  const limiter = new RateLimiter({ perMinute, lowWatermark: 30, now: options.now, sleep: pause });
  const ledger = options.ledgerDir
    ? new AccountLedger({ dir: options.ledgerDir, account: origin, now: options.now })
    : undefined;
  const state = {
    sandbox: undefined as boolean | undefined,
    limit: undefined as number | undefined,
    remaining: undefined as number | undefined,
  };

  async function once(req: TransportRequest, url: string, admin: boolean) {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'omnibot' };
    if (!admin) headers.authorization = authorization;
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    const res = await request(url, {
      method: req.method as Dispatcher.HttpMethod,
      headers,
      body,
      dispatcher: options.dispatcher,
      signal: AbortSignal.any(signals),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    const h = res.headers as Record<string, string | string[] | undefined>;
    if (header(h, 'x-omnibot-sandbox') !== undefined) state.sandbox = true;
    else if (!admin) state.sandbox ??= false;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = undefined;
    }
    return { status: res.statusCode, headers: h, parsed, text };
  }

  const transport: Transport = {
    origin,
    email: options.email,
    async call(req: TransportRequest): Promise<unknown> {
      const admin = req.path.startsWith('/_sandbox/');
      const url = admin ? `${origin}${req.path}` : `${origin}/api/v2${req.path}`;
      const where = `${req.method} ${req.path}`;
      const banned = admin || options.ignoreBan ? undefined : bans.get(origin);
      if (banned) throw bannedLocally(banned);
      const recorded = admin || options.ignoreBan ? undefined : await ledger?.ban();
      if (recorded) throw banInForce(origin, recorded, (options.now ?? Date.now)());
      const idempotent = isIdempotentMethod(req.method);
      const began = (options.now ?? Date.now)();
      const retrying = (attempt: number, waitMs: number, reason: string) =>
        options.progress?.(
          `HelpDeskEddy: ${reason} on ${where}; trying again in ${formatDuration(waitMs)} ` +
            `(attempt ${attempt + 2} of ${maxRetries + 1})`,
        );
      const total = (attempt: number) =>
        attempt > 0
          ? `. Gave up after ${formatDuration((options.now ?? Date.now)() - began)} and ${attempt + 1} attempts`
          : '';
      for (let attempt = 0; ; attempt++) {
        if (options.signal?.aborted) throw new CancelledError();
        if (!admin) {
          await limiter.acquire(options.signal).catch(() => Promise.reject(new CancelledError()));
          // Other processes on this machine draw on the same account: wait for the shared budget too.
          for (
            let wait = ledger ? await ledger.reserve(limiter.limit) : 0;
            wait > 0;
            wait = await ledger!.reserve(limiter.limit)
          ) {
            await doSleep(wait, options.signal);
          }
        }
        let res: Awaited<ReturnType<typeof once>>;
        try {
          res = await once(req, url, admin);
        } catch (err) {
          if (options.signal?.aborted) throw new CancelledError();
          const timeout = isTimeoutError(err);
          if (idempotent && attempt < maxRetries && isRetryableError(err)) {
            const waitMs = backoffDelay(attempt + 1);
            retrying(attempt, waitMs, timeout ? `no answer within ${formatDuration(timeoutMs)}` : 'no connection');
            await doSleep(waitMs, options.signal);
            continue;
          }
          throw new ApiError(
            `HelpDeskEddy ${where} at ${origin} ` +
              (timeout ? `did not answer within ${formatDuration(timeoutMs)}` : 'could not be reached') +
              total(attempt),
            {
              code: timeout ? 'hde_timeout' : 'hde_network',
              cause: err,
              hint: timeout
                ? 'Raise helpdeskeddy.timeoutMs, or check the account status.'
                : 'Check helpdeskeddy.url and the network.',
            },
          );
        }
        const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'));
        if (!admin) {
          const limit = intHeader(res.headers, 'x-rate-limit');
          const remaining = intHeader(res.headers, 'x-rate-limit-remaining');
          state.limit = limit ?? state.limit;
          state.remaining = remaining ?? state.remaining;
          limiter.observe({
            limit,
            remaining,
            retryAfterSec: retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
          });
        }
        const { status, parsed } = res;
        options.log?.(`helpdeskeddy ${where} → ${status}${attempt ? ` (retry ${attempt})` : ''}`);
        if ((status === 401 || status === 403 || status === 429) && isBanBody(parsed)) {
          const ban = banError(parsed, origin);
          bans.set(origin, ban);
          await ledger
            ?.recordBan((banMinutes(parsed) ?? DEFAULT_BAN_MINUTES) * 60_000, ban.message)
            .catch(() => undefined);
          throw ban;
        }
        if (status >= 200 && status < 300) {
          if (parsed === undefined)
            throw new ApiError(`HelpDeskEddy ${where} answered with something that is not JSON`, {
              code: 'hde_bad_response',
              status,
            });
          if (!isSuccessBody(parsed)) throw apiError(req.method, req.path, status, parsed);
          return parsed;
        }
        if ((status === 401 || status === 403) && !admin) throw authError(status, parsed, options.email, origin);
        // A 429 means nothing was processed, so even a create may be sent again.
        if ((idempotent || status === 429) && attempt < maxRetries && isRetryableStatus(status)) {
          const waitMs = backoffDelay(attempt + 1, { retryAfterMs });
          retrying(attempt, waitMs, `HTTP ${status}`);
          await doSleep(waitMs, options.signal);
          continue;
        }
        throw apiError(req.method, req.path, status, parsed);
      }
    },
    async isSandbox() {
      if (state.sandbox === undefined) await transport.call({ method: 'GET', path: '/departments/' });
      return state.sandbox === true;
    },
    rate: () => ({ limitPerMinute: state.limit, remaining: state.remaining, clientLimitPerMinute: limiter.limit }),
  };
  return new HelpdeskeddyClient(transport);
}
