/**
 * Creating through a POST that may have succeeded even though we never saw the answer (a
 * timeout, a 5xx, a dropped connection). Retrying blindly would duplicate the object, so after
 * every ambiguous failure we wait, look for the object, and only POST again if it is not there.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, type BackoffOptions } from './backoff.js';

export interface CreateOnceOptions<T> {
  create: () => Promise<T>;
  /** Looks for the object the create would have made; undefined when it does not exist. */
  find: () => Promise<T | undefined>;
  /** True when the failed create may nevertheless have happened on the server. */
  isAmbiguous: (err: unknown) => boolean;
  /** True when the failure was a timeout: the server may still be working on it. */
  isTimeout?: (err: unknown) => boolean;
  maxAttempts?: number;
  /** After a timeout, give the server at least this long to finish before we look. */
  settleMs?: number;
  backoff?: BackoffOptions;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; waitMs: number; error: unknown }) => void;
}

export interface CreateOnceResult<T> {
  value: T;
  /** True when the object was found after an ambiguous failure rather than created by us. */
  recovered: boolean;
  attempts: number;
}

export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<CreateOnceResult<T>> {
  const maxAttempts = options.maxAttempts ?? 3;
  const wait = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleep(ms, undefined, { signal }));
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await options.create(), recovered: false, attempts: attempt };
    } catch (err) {
      if (!options.isAmbiguous(err)) throw err;
      const settle = options.isTimeout?.(err) ? (options.settleMs ?? 0) : 0;
      const waitMs = Math.max(settle, backoffDelay(attempt, options.backoff));
      options.onRetry?.({ attempt, waitMs, error: err });
      await wait(waitMs, options.signal);
      const existing = await options.find();
      if (existing !== undefined) return { value: existing, recovered: true, attempts: attempt };
      if (attempt >= maxAttempts) throw err;
    }
  }
}
