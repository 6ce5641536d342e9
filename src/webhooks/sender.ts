/**
 * Sends many webhooks with a bounded number in flight. Jobs are pulled from an (async) iterable
 * only when a slot frees up, so a million-record replay holds at most `concurrency` requests in
 * memory. Results are handed to `onResult` as they complete, each with the job's 1-based number.
 */
import { isSuccess, sendRequest, type SendRequestOptions, type SendResult } from './http.js';

export interface SendManyOptions<J> {
  concurrency?: number;
  signal?: AbortSignal;
  /** Turns a job into a request; may return null to skip the job (no request, no result). */
  toRequest: (job: J, n: number) => SendRequestOptions | null | Promise<SendRequestOptions | null>;
  /** Called once per request, in completion order. May be async (awaited before the slot frees). */
  onResult?: (result: SendResult, job: J, n: number) => void | Promise<void>;
  /** Waited on before each request starts: the place for a rate limiter or original timing. */
  beforeSend?: (job: J, n: number) => Promise<void> | void;
}

export interface SendStats {
  sent: number;
  ok: number;
  failed: number;
  p50?: number;
  p95?: number;
}

/** Nearest-rank percentile of durations, in ms. */
export function percentile(sortedMs: number[], p: number): number | undefined {
  if (sortedMs.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sortedMs.length);
  return sortedMs[Math.min(sortedMs.length, Math.max(1, rank)) - 1];
}

/** Accumulates results without keeping them (durations only, 8 bytes each). */
export class StatsCollector {
  private readonly durations: number[] = [];
  sent = 0;
  ok = 0;
  failed = 0;

  add(result: SendResult): void {
    this.sent += 1;
    if (isSuccess(result)) this.ok += 1;
    else this.failed += 1;
    this.durations.push(result.ms);
  }

  stats(): SendStats {
    const sorted = [...this.durations].sort((a, b) => a - b);
    return { sent: this.sent, ok: this.ok, failed: this.failed, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  }
}

/** One line for stderr: `sent 5 · 2xx 4 · failed 1 · p50 3 ms · p95 9 ms`. */
export function formatStats(stats: SendStats): string {
  const parts = [`sent ${stats.sent}`, `2xx ${stats.ok}`, `failed ${stats.failed}`];
  if (stats.p50 !== undefined) parts.push(`p50 ${stats.p50} ms`);
  if (stats.p95 !== undefined) parts.push(`p95 ${stats.p95} ms`);
  return parts.join(' · ');
}

export async function sendMany<J>(jobs: Iterable<J> | AsyncIterable<J>, options: SendManyOptions<J>): Promise<SendStats> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const stats = new StatsCollector();
  const iterator: AsyncIterator<J> | Iterator<J> =
    Symbol.asyncIterator in jobs ? (jobs as AsyncIterable<J>)[Symbol.asyncIterator]() : (jobs as Iterable<J>)[Symbol.iterator]();
  let n = 0;
  let firstError: unknown;

  // Workers share one iterator; `next()` calls are serialised so an async source is never
  // asked for two items at once.
  let pulling: Promise<unknown> = Promise.resolve();
  const pull = (): Promise<IteratorResult<J>> => {
    const next = pulling.then(() => iterator.next());
    pulling = next.catch(() => undefined);
    return next;
  };

  const worker = async (): Promise<void> => {
    while (!options.signal?.aborted && firstError === undefined) {
      const item = await pull();
      if (item.done) return;
      n += 1;
      const number = n;
      if (options.beforeSend) await options.beforeSend(item.value, number);
      if (options.signal?.aborted) return;
      const req = await options.toRequest(item.value, number);
      if (!req) continue;
      const result = await sendRequest({ ...req, signal: req.signal ?? options.signal });
      if (options.signal?.aborted && result.errorCode === 'aborted') return;
      stats.add(result);
      await options.onResult?.(result, item.value, number);
    }
  };

  const guarded = () =>
    worker().catch((err: unknown) => {
      firstError ??= err;
    });
  await Promise.all(Array.from({ length: concurrency }, guarded));
  if (firstError !== undefined) {
    await (iterator as AsyncIterator<J>).return?.();
    throw firstError;
  }
  return stats.stats();
}
