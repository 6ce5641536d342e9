/**
 * The Omnidesk wire: the only module that imports undici for Omnidesk. One `send` does auth,
 * JSON, explicit timeouts, the client-side rate limiter, reading the rate headers on every
 * answer, and retries — 429 always (the server did not process the call), 5xx and transient
 * network failures only for idempotent methods. POSTs that may have landed are handled above
 * this layer (`createOnce`), never by blind repetition here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import {
  backoffDelay,
  isIdempotentMethod,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
} from '../../../core/http/backoff.js';
import { withQuery } from '../../../core/http/query.js';
import { RateLimiter } from '../../../core/http/rate-limiter.js';
import { normalizeHelpdeskUrl } from '../../../core/urls.js';
import { OMNIDESK_DOMAIN } from '../account.js';
import { CancelledError, ConfigError } from '../../../core/errors.js';
import { registerBasicAuth } from '../../../core/io/secrets.js';
import { createOmnideskEndpoints } from './endpoints.js';
import { isRateLimited, mapHttpError, mapNetworkError, notJson, type ResponseFacts } from './error-mapping.js';
import type { RetryPolicy, Transport, TransportRequest } from './transport.js';
import { formatDuration } from '../../../core/duration.js';
import type { OmnideskApi, RateInfo } from './types.js';

export interface OmnideskRetryOptions {
  /** Attempts per call, the first included (default 4). */
  maxAttempts?: number;
  /** No retry starts once this much time has passed since the call began (default 90 s). */
  budgetMs?: number;
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export interface OmnideskClientOptions {
  /** The account origin, e.g. `https://acme.omnidesk.ru` or a sandbox URL. */
  url: string;
  email: string;
  apiKey: string;
  timeoutMs?: number;
  /** Our own cap; the server's `rate_limit_per_minute` applies when it is lower. */
  rateLimitPerMinute?: number;
  dispatcher?: Dispatcher;
  /** Debug lines (method, path, status, time, retries); never contains credentials. */
  log?: (line: string) => void;
  /** A retry announced for a person watching (its reason, the wait, the attempt). */
  progress?: (line: string) => void;
  /** Cancels every call in flight or waiting (Ctrl-C) with a CancelledError. */
  signal?: AbortSignal;
  retry?: OmnideskRetryOptions;
  /** Share one limiter between clients of the same account (and inject a clock in tests). */
  limiter?: RateLimiter;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Until the first answer tells us the real limit; high enough never to be the binding one. */
const UNKNOWN_LIMIT_PER_MINUTE = 6_000;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(headers: Record<string, string | string[] | undefined>, name: string): number | undefined {
  const raw = header(headers, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

export function createOmnideskTransport(options: OmnideskClientOptions): Transport {
  let baseUrl: string;
  try {
    baseUrl = normalizeHelpdeskUrl(options.url, OMNIDESK_DOMAIN);
  } catch (err) {
    throw new ConfigError(`omnidesk.url ${(err as Error).message}`, { code: 'config_invalid', cause: err });
  }
  const authorization = registerBasicAuth(options.email, options.apiKey);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connect: { timeout: Math.min(timeoutMs, 10_000) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  const limiter =
    options.limiter ?? new RateLimiter({ perMinute: options.rateLimitPerMinute ?? UNKNOWN_LIMIT_PER_MINUTE });
  const outer = options.signal;
  const maxAttempts = options.retry?.maxAttempts ?? 4;
  const budgetMs = options.retry?.budgetMs ?? 90_000;
  const backoff = { baseMs: options.retry?.baseMs, maxMs: options.retry?.maxMs, random: options.retry?.random };
  const retry: RetryPolicy = { maxAttempts, backoff, settleMs: Math.min(timeoutMs, 10_000) };
  const log = (line: string): void => options.log?.(line);
  let lastRate: RateInfo = {};
  let sandbox: boolean | undefined;

  const cancelled = (): CancelledError => new CancelledError('Cancelled while talking to Omnidesk.');

  async function exchange(req: TransportRequest, path: string): Promise<ResponseFacts> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'omnibot' };
    if (!req.admin) headers.authorization = authorization;
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const started = Date.now();
    const res = await request(`${baseUrl}${path}`, { method: req.method, headers, body, dispatcher, signal });
    const text = await res.body.text();
    const h = res.headers;
    sandbox = header(h, 'x-omnibot-sandbox') !== undefined;
    const retryAfterSec = numberHeader(h, 'retry_after') ?? numberHeader(h, 'retry-after');
    if (!req.admin) {
      const limit = numberHeader(h, 'rate_limit_per_minute');
      const remaining = numberHeader(h, 'api_calls_left');
      limiter.observe({ limit, remaining, retryAfterSec });
      lastRate = {
        limitPerMinute: limit ?? lastRate.limitPerMinute,
        callsLeft: remaining ?? lastRate.callsLeft,
      };
    }
    let data: unknown;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    log(`${req.method} ${path} → ${res.statusCode} (${Date.now() - started} ms)`);
    return {
      status: res.statusCode,
      contentType: header(h, 'content-type'),
      data,
      text,
      retryAfterMs: parseRetryAfter(header(h, 'retry_after') ?? header(h, 'retry-after')),
    };
  }

  async function send<T>(req: TransportRequest): Promise<T> {
    const path = withQuery(req.path, req.query);
    const facts = { method: req.method, path, baseUrl, email: options.email };
    const idempotent = isIdempotentMethod(req.method);
    const began = Date.now();
    for (let attempt = 1; ; attempt++) {
      if (outer?.aborted) throw cancelled();
      if (!req.admin) await limiter.acquire(outer).catch(() => Promise.reject(cancelled()));
      let res: ResponseFacts | undefined;
      let failure: unknown;
      try {
        res = await exchange(req, path);
      } catch (err) {
        if (outer?.aborted) throw cancelled();
        failure = err;
      }
      let waitMs: number;
      let reason: string;
      if (res) {
        if (res.status >= 200 && res.status < 300) {
          if (res.data === undefined && res.text.trim() !== '' && req.method !== 'DELETE') throw notJson(facts, res);
          return res.data as T;
        }
        const throttled = isRateLimited(res.status, res.text);
        if (!throttled && !(idempotent && isRetryableStatus(res.status))) throw mapHttpError(facts, res);
        waitMs = backoffDelay(attempt, { ...backoff, retryAfterMs: res.retryAfterMs });
        reason = `HTTP ${res.status}`;
        if (attempt >= maxAttempts || Date.now() - began + waitMs > budgetMs)
          throw totalled(mapHttpError(facts, res), began, attempt);
      } else {
        const error = mapNetworkError(facts, failure, timeoutMs);
        if (!idempotent || !isRetryableError(failure)) throw error;
        waitMs = backoffDelay(attempt, backoff);
        reason = error.code;
        if (attempt >= maxAttempts || Date.now() - began + waitMs > budgetMs) throw totalled(error, began, attempt);
      }
      log(`retrying ${req.method} ${path} in ${waitMs} ms after ${reason} (attempt ${attempt + 1} of ${maxAttempts})`);
      options.progress?.(
        `Omnidesk: ${reason} on ${req.method} ${path}; trying again in ${formatDuration(waitMs)} ` +
          `(attempt ${attempt + 1} of ${maxAttempts})`,
      );
      await sleep(waitMs, undefined, { signal: outer }).catch(() => Promise.reject(cancelled()));
    }
  }

  return {
    baseUrl,
    retry,
    signal: outer,
    send,
    rate: () => ({ ...lastRate }),
    sandbox: () => sandbox,
    log,
  };
}

/** After retries, the error says how long omnibot waited in all, not only the last timeout. */
function totalled<E extends Error>(error: E, began: number, attempts: number): E {
  if (attempts > 1) error.message += ` Gave up after ${formatDuration(Date.now() - began)} and ${attempts} attempts.`;
  return error;
}

export function createOmnideskClient(options: OmnideskClientOptions): OmnideskApi {
  return createOmnideskEndpoints(createOmnideskTransport(options));
}
