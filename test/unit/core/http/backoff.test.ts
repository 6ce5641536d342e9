import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isIdempotentMethod,
  isRetryableError,
  isRetryableStatus,
  isTimeoutError,
  parseRetryAfter,
} from '../../../../src/core/http/backoff.js';

describe('backoffDelay', () => {
  it('grows the cap exponentially and draws below it (full jitter)', () => {
    const top = () => 0.999999;
    expect(backoffDelay(1, { baseMs: 100, maxMs: 10_000, random: top })).toBe(100);
    expect(backoffDelay(2, { baseMs: 100, maxMs: 10_000, random: top })).toBe(200);
    expect(backoffDelay(4, { baseMs: 100, maxMs: 10_000, random: top })).toBe(800);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0.5 })).toBe(200);
  });

  it('never exceeds maxMs without a server hint', () => {
    expect(backoffDelay(20, { baseMs: 100, maxMs: 1_000, random: () => 0.999999 })).toBe(1_000);
  });

  it('treats retry-after as a floor and adds at most one base of jitter', () => {
    expect(backoffDelay(1, { baseMs: 100, retryAfterMs: 3_000, random: () => 0 })).toBe(3_000);
    expect(backoffDelay(5, { baseMs: 100, retryAfterMs: 3_000, random: () => 0.5 })).toBe(3_050);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds, arrays and numbers', () => {
    expect(parseRetryAfter('7')).toBe(7_000);
    expect(parseRetryAfter(' 1.5 ')).toBe(1_500);
    expect(parseRetryAfter(['2', '9'])).toBe(2_000);
    expect(parseRetryAfter(3)).toBe(3_000);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-06-02T12:00:00Z');
    expect(parseRetryAfter('Mon, 02 Jun 2025 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 02 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or garbage values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(-1)).toBeUndefined();
  });
});

describe('retry decisions', () => {
  it('retries only idempotent methods', () => {
    expect(['GET', 'put', 'DELETE'].every(isIdempotentMethod)).toBe(true);
    expect(isIdempotentMethod('POST')).toBe(false);
    expect(isIdempotentMethod('PATCH')).toBe(false);
  });
  it('retries throttling and server errors, not client errors', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
  it('classifies network errors through cause chains', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(isRetryableError(new Error('wrapped', { cause: reset }))).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(isRetryableError(refused)).toBe(false);
    const notFound = Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' });
    expect(isRetryableError(notFound)).toBe(false);
  });
  it('recognises timeouts, including AbortSignal.timeout', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
    expect(isTimeoutError(signal.reason)).toBe(true);
    expect(isRetryableError(signal.reason)).toBe(true);
    expect(isTimeoutError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))).toBe(true);
    expect(isTimeoutError(new Error('plain'))).toBe(false);
  });
});
