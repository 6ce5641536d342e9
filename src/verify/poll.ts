/**
 * Polling a helpdesk without eating its rate limit. Omnidesk counts every call against a
 * per-minute budget shared with the bot and every other integration, so verify and tail spend
 * at most half of it, and back off when the budget left in the current minute runs low.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLike {
  limitPerMinute?: number;
  callsLeft?: number;
}

export interface PollPace {
  /** API calls one round of polling makes. */
  callsPerRound: number;
  /** The floor: a sandbox answers in a millisecond, a real account deserves a second. */
  minIntervalMs: number;
  /** Share of the per-minute limit polling may use. */
  share?: number;
}

const DEFAULT_LIMIT = 60;

/**
 * The wait before the next round. Early rounds (`attempt` 0, 1, …) start at the floor and
 * double up to the rate-limited spacing: most hops take milliseconds, and a handful of quick
 * looks cost little of a per-minute budget, while a long wait settles at the sustainable pace.
 */
export function pollInterval(rate: RateLike, pace: PollPace, attempt = Number.POSITIVE_INFINITY): number {
  const limit = rate.limitPerMinute && rate.limitPerMinute > 0 ? rate.limitPerMinute : DEFAULT_LIMIT;
  const share = pace.share ?? 0.5;
  const spacing = Math.max(pace.minIntervalMs, Math.ceil((60_000 * pace.callsPerRound) / (limit * share)));
  let interval = Math.min(spacing, pace.minIntervalMs * 2 ** Math.min(attempt, 20));
  // Nearly out of calls for this minute: wait long enough for the window to refill.
  if (rate.callsLeft !== undefined && rate.callsLeft < pace.callsPerRound * 3) interval = Math.max(interval, 5_000);
  return interval;
}

export interface PollOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** The wait after round `attempt` (0-based). */
  interval: (attempt: number) => number;
  clock?: () => number;
}

/**
 * Calls `probe` until it returns a value (not undefined), the deadline passes or the signal
 * aborts. Returns the value, or undefined when it never came. A probe that throws ends the
 * poll with that error: a refused key will not get better by asking again.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions): Promise<T | undefined> {
  const clock = options.clock ?? Date.now;
  const deadline = clock() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) return undefined;
    const value = await probe();
    if (value !== undefined) return value;
    const left = deadline - clock();
    if (left <= 0) return undefined;
    // Woken early (not rejected) by an abort: the loop's own check ends the poll.
    await sleep(Math.min(options.interval(attempt), left), undefined, { signal: options.signal }).catch(
      () => undefined,
    );
  }
}
