/**
 * A per-minute request budget for a whole sandbox account, the way Omnidesk (per minute since
 * 2024) and HelpDeskEddy (300/min, account-wide) count. A window opens with its first request
 * and lasts 60 s; `retryAfterSeconds` is what is left of it.
 */

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  retryAfterSeconds: number;
}

export class RateWindow {
  private windowStart = 0;
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request if the budget allows it. */
  take(): RateDecision {
    this.roll();
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return this.state(allowed);
  }

  /** The current numbers without counting a request (for headers on admin replies). */
  peek(): RateDecision {
    this.roll();
    return this.state(this.used < this.limit);
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }

  private roll(): void {
    const now = this.now();
    if (this.windowStart === 0 || now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
  }

  private state(allowed: boolean): RateDecision {
    const left = this.windowStart + this.windowMs - this.now();
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.used),
      retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)),
    };
  }
}
