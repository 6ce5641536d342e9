/**
 * Sends many webhooks with a bounded number in flight. Jobs are pulled from an (async) iterable
 * only when a slot frees up, so a million-record replay holds at most `concurrency` requests in
 * memory. Results are handed to `onResult` as they complete, each with the job's 1-based number.
 *
 * Cancelling: one listener on `signal` cancels whatever is in flight. The requests themselves
 * never listen on it, so any concurrency leaves a single listener on a shared signal (no
 * MaxListenersExceededWarning, no per-request listener cost).
 */
import {
  cancelledResult,
  isSuccess,
  startRequest,
  type PendingRequest,
  type SendRequestOptions,
  type SendResult,
} from '../core/http/send.js';

/** What `JobSource.take` returns when its buffer is used up. */
export const NO_JOB: unique symbol = Symbol('no job');

/**
 * A source of jobs that hands out buffered ones synchronously and refills in bulk (a chunk of a
 * file at a time): an async iterator costs a promise round trip per job, this one per chunk.
 */
export interface JobSource<J> {
  /** The next buffered job, or NO_JOB when the buffer is used up (then `fill` is awaited). */
  take(): J | typeof NO_JOB;
  /** Buffers more jobs; resolves false when there are none left. */
  fill(): Promise<boolean>;
  /** Lets go of the source (a file, a stream) when sending stops early or ends. */
  close?(): Promise<void>;
}

function isJobSource<J>(jobs: unknown): jobs is JobSource<J> {
  return typeof (jobs as JobSource<J>).take === 'function' && typeof (jobs as JobSource<J>).fill === 'function';
}

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

/** Durations below this many ms are counted in a histogram; longer ones are kept as they are. */
const HISTOGRAM_MS = 60_000;

/**
 * Accumulates results without keeping them: a histogram of whole-millisecond durations (what
 * SendResult.ms holds), so a million-record replay costs the same memory as ten. Percentiles
 * are the exact nearest-rank values of the durations seen.
 */
export class StatsCollector {
  private readonly counts: number[] = [];
  private readonly other: number[] = [];
  sent = 0;
  ok = 0;
  failed = 0;

  add(result: SendResult): void {
    this.sent += 1;
    if (isSuccess(result)) this.ok += 1;
    else this.failed += 1;
    const ms = result.ms;
    if (Number.isInteger(ms) && ms >= 0 && ms < HISTOGRAM_MS) {
      while (this.counts.length <= ms) this.counts.push(0);
      this.counts[ms]! += 1;
    } else this.other.push(ms);
  }

  /** Nearest-rank percentile over everything added (the same value `percentile` gives on the sorted list). */
  private rank(p: number): number | undefined {
    const total = this.sent;
    if (total === 0) return undefined;
    const wanted = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
    const other = [...this.other].sort((a, b) => a - b);
    // Merge the histogram (ascending) with the sorted leftovers, counting up to the wanted rank.
    let seen = 0;
    let j = 0;
    for (let ms = 0; ms < this.counts.length; ms += 1) {
      while (j < other.length && other[j]! < ms) {
        seen += 1;
        if (seen === wanted) return other[j];
        j += 1;
      }
      seen += this.counts[ms]!;
      if (seen >= wanted) return ms;
    }
    return other[wanted - seen - 1 + j];
  }

  stats(): SendStats {
    return { sent: this.sent, ok: this.ok, failed: this.failed, p50: this.rank(50), p95: this.rank(95) };
  }
}

/** One line for stderr: `sent 5 · 2xx 4 · failed 1 · p50 3 ms · p95 9 ms`. */
export function formatStats(stats: SendStats): string {
  const parts = [`sent ${stats.sent}`, `2xx ${stats.ok}`, `failed ${stats.failed}`];
  if (stats.p50 !== undefined) parts.push(`p50 ${stats.p50} ms`);
  if (stats.p95 !== undefined) parts.push(`p95 ${stats.p95} ms`);
  return parts.join(' · ');
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

const isThenable = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  value !== null && typeof value === 'object' && typeof (value as PromiseLike<T>).then === 'function';

export async function sendMany<J>(
  jobs: Iterable<J> | AsyncIterable<J> | JobSource<J>,
  options: SendManyOptions<J>,
): Promise<SendStats> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const signal = options.signal;
  const stats = new StatsCollector();
  const source = isJobSource<J>(jobs) ? jobs : undefined;
  const isAsync = !source && Symbol.asyncIterator in jobs;
  const iterator: AsyncIterator<J> | Iterator<J> | undefined = source
    ? undefined
    : isAsync
      ? jobs[Symbol.asyncIterator]()
      : (jobs as Iterable<J>)[Symbol.iterator]();
  let n = 0;
  // Boxed: a thrown value may be anything, undefined included.
  let firstError: { error: unknown } | undefined;
  let sourceDone = false;

  // Workers share one source. A job source answers from its buffer on the spot and refills one
  // worker at a time; an async iterator's `next()` calls are serialised so it is never asked for
  // two items at once; a sync iterator answers on the spot.
  let pulling: Promise<unknown> = Promise.resolve();
  const fromSource = async (from: JobSource<J>): Promise<IteratorResult<J>> => {
    for (;;) {
      const job = from.take();
      if (job !== NO_JOB) return { done: false, value: job };
      if (sourceDone || !(await from.fill())) {
        sourceDone = true;
        return DONE;
      }
    }
  };
  const pull = (): IteratorResult<J> | Promise<IteratorResult<J>> => {
    if (source) {
      const job = source.take();
      if (job !== NO_JOB) return { done: false, value: job };
      if (sourceDone) return DONE;
      const next = pulling.then(() => fromSource(source));
      pulling = next.catch(() => undefined);
      return next;
    }
    if (!isAsync) return (iterator as Iterator<J>).next();
    const next = pulling.then(() => iterator!.next());
    pulling = next.catch(() => undefined);
    return next;
  };

  // The request each worker has in flight, by worker: what a cancel must reach. A slot per
  // worker rather than a Set: a Set that takes and drops an entry per request rehashes every
  // few dozen requests, and V8 links each retired table to its successor, a chain that can keep
  // finished requests alive into the old generation (a million-request replay's memory).
  const current: Array<PendingRequest | undefined> = new Array<PendingRequest | undefined>(concurrency).fill(undefined);
  const cancelAll = () => {
    for (const pending of current) pending?.cancel();
  };
  signal?.addEventListener('abort', cancelAll, { once: true });

  const send = (slot: number, req: SendRequestOptions): Promise<SendResult> => {
    const own = req.signal;
    if (own?.aborted) return Promise.resolve(cancelledResult(req));
    const pending = startRequest(req);
    current[slot] = pending;
    if (!own) return pending.result;
    // A job may bring its own signal: it cancels that one request (one listener per request).
    const onOwnAbort = () => pending.cancel();
    own.addEventListener('abort', onOwnAbort, { once: true });
    return pending.result.finally(() => own.removeEventListener('abort', onOwnAbort));
  };

  // Sync answers (a buffered job, a request built on the spot, a result handled at once) are
  // used as they are: an `await` on them would cost a promise and a microtask turn per request.
  const worker = async (slot: number): Promise<void> => {
    while (!signal?.aborted && firstError === undefined) {
      const pulled = pull();
      const item = isThenable(pulled) ? await pulled : pulled;
      if (item.done) return;
      n += 1;
      const number = n;
      if (options.beforeSend) await options.beforeSend(item.value, number);
      if (signal?.aborted) return;
      const built = options.toRequest(item.value, number);
      const req = isThenable(built) ? await built : built;
      if (!req) continue;
      if (signal?.aborted) return;
      const result = await send(slot, req);
      current[slot] = undefined;
      if (signal?.aborted && result.errorCode === 'aborted') return;
      stats.add(result);
      const handled = options.onResult?.(result, item.value, number);
      if (isThenable(handled)) await handled;
    }
  };

  const guarded = (_: unknown, slot: number) =>
    worker(slot).catch((err: unknown) => {
      firstError ??= { error: err };
    });
  try {
    await Promise.all(Array.from({ length: concurrency }, guarded));
  } finally {
    signal?.removeEventListener('abort', cancelAll);
    await source?.close?.();
  }
  if (firstError !== undefined) {
    await (iterator as AsyncIterator<J> | undefined)?.return?.();
    throw firstError.error;
  }
  return stats.stats();
}
