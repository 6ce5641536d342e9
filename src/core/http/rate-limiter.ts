/**
 * Client-side rate limiting, so the helpdesk never has to enforce its limit on us (HelpDeskEddy
 * bans the whole account when it does). Two sources of truth are combined:
 *
 *  - our own count: no sliding 60 s window may hold more than `perMinute` grants;
 *  - the server's word (`observe`): its limit, how many calls it still allows in its current
 *    window, and retry-after. Other processes may share the account, so the server's
 *    `remaining` can be lower than our count suggests; when it gets low we spread what is left
 *    over the rest of the window instead of spending it and then hitting the wall.
 *
 * The clock and the sleep are injectable so tests run without waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiterOptions {
  perMinute: number;
  /** When the server says this many calls or fewer remain, start spacing requests out. */
  lowWatermark?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The length of the server's window; 60 s for every helpdesk we talk to. */
  windowMs?: number;
}

export interface RateObservation {
  limit?: number;
  remaining?: number;
  retryAfterSec?: number;
}

export interface RateSnapshot {
  limitPerMinute: number;
  callsLeft?: number;
  pausedUntil?: number;
}

export class RateLimiter {
  private readonly configLimit: number;
  private serverLimit?: number;
  private serverRemaining?: number;
  /** The most the server ever said was left: a stand-in for its limit when it sends none. */
  private maxRemainingSeen?: number;
  private readonly lowWatermarkOption?: number;
  private readonly now: () => number;
  private readonly sleepFn: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly windowMs: number;
  /** Grant times within the current window, oldest first. */
  private grants: number[] = [];
  private pausedUntil = 0;
  /** Earliest time of the next grant when the server asked us to spread out. */
  private nextSpacedAt = 0;
  /** Serialises waiters so they are served in order and never wake up to a stale decision. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be a positive number');
    this.configLimit = Math.floor(options.perMinute);
    this.lowWatermarkOption = options.lowWatermark;
    this.now = options.now ?? Date.now;
    this.sleepFn = options.sleep ?? ((ms, signal) => sleep(ms, undefined, { signal }));
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** The limit we obey: ours, or the server's if it announced a lower one. */
  get limit(): number {
    return this.serverLimit !== undefined ? Math.min(this.configLimit, this.serverLimit) : this.configLimit;
  }

  private get lowWatermark(): number {
    if (this.lowWatermarkOption !== undefined) return this.lowWatermarkOption;
    const basis =
      this.serverLimit !== undefined || this.maxRemainingSeen === undefined
        ? this.limit
        : Math.min(this.limit, this.maxRemainingSeen + 1);
    return Math.max(2, Math.ceil(basis * 0.1));
  }

  /** Resolves when a request may be sent; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // A cancelled waiter must not block those queued behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.now();
      this.forgetOld(now);
      const at = this.earliestGrant(now);
      if (at <= now) {
        this.grants.push(now);
        if (this.serverRemaining !== undefined) this.serverRemaining = Math.max(0, this.serverRemaining - 1);
        return;
      }
      await this.sleepFn(at - now, signal);
    }
  }

  private earliestGrant(now: number): number {
    let at = Math.max(now, this.pausedUntil, this.nextSpacedAt);
    const limit = this.limit;
    if (this.grants.length >= limit) {
      // The grant that must leave the window before another fits.
      const oldest = this.grants[this.grants.length - limit] as number;
      at = Math.max(at, oldest + this.windowMs);
    }
    return at;
  }

  private forgetOld(now: number): void {
    const cutoff = now - this.windowMs;
    let i = 0;
    while (i < this.grants.length && (this.grants[i] as number) <= cutoff) i++;
    if (i > 0) this.grants = this.grants.slice(i);
  }

  /** Feeds what a response said about the server's limit. Missing fields change nothing. */
  observe(info: RateObservation): void {
    const now = this.now();
    this.forgetOld(now);
    if (info.limit !== undefined && Number.isFinite(info.limit) && info.limit > 0) {
      this.serverLimit = Math.floor(info.limit);
    }
    if (info.retryAfterSec !== undefined && Number.isFinite(info.retryAfterSec) && info.retryAfterSec >= 0) {
      this.pauseUntil(now + info.retryAfterSec * 1000);
    }
    if (info.remaining === undefined || !Number.isFinite(info.remaining)) return;
    const remaining = Math.max(0, Math.floor(info.remaining));
    this.serverRemaining = remaining;
    this.maxRemainingSeen = Math.max(this.maxRemainingSeen ?? 0, remaining);
    if (remaining > this.lowWatermark) {
      this.nextSpacedAt = 0;
      return;
    }
    const rest = this.restOfWindow(now);
    if (remaining === 0) {
      // Nothing left: wait out the window unless the server already told us exactly how long.
      if (info.retryAfterSec === undefined) this.pauseUntil(now + rest);
      return;
    }
    this.nextSpacedAt = Math.max(this.nextSpacedAt, now + Math.ceil(rest / remaining));
  }

  /**
   * We cannot see the server's window boundary; the best estimate is that it started with the
   * oldest call we made in the last minute (or now, if we made none — the pessimistic guess).
   */
  private restOfWindow(now: number): number {
    const oldest = this.grants[0];
    if (oldest === undefined) return this.windowMs;
    return Math.max(0, oldest + this.windowMs - now);
  }

  /** No grant before `ms` (epoch milliseconds). Never shortens an existing pause. */
  pauseUntil(ms: number): void {
    if (ms > this.pausedUntil) this.pausedUntil = ms;
  }

  snapshot(): RateSnapshot {
    const now = this.now();
    return {
      limitPerMinute: this.limit,
      callsLeft: this.serverRemaining,
      pausedUntil: this.pausedUntil > now ? this.pausedUntil : undefined,
    };
  }
}
