import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../src/core/http/rate-limiter.js';

/** A clock that only moves when the limiter sleeps; records every wait. */
function fakeClock(start = 1_000_000) {
  const clock = {
    t: start,
    waits: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      clock.waits.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('RateLimiter', () => {
  it('lets perMinute calls through at once, then waits for the window to slide', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 3, now: c.now, sleep: c.sleep });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      times.push(c.t - 1_000_000);
    }
    expect(times).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
  });

  it('never puts more than perMinute grants in any 60 s window', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 5, now: c.now, sleep: c.sleep });
    const times: number[] = [];
    for (let i = 0; i < 23; i++) {
      await limiter.acquire();
      times.push(c.t);
      c.t += 3_000; // the caller's own work between calls
    }
    for (const start of times) {
      expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(5);
    }
  });

  it('serves concurrent callers in order without over-granting', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 2, now: c.now, sleep: c.sleep });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(c.t - 1_000_000).toBe(60_000);
  });

  it('obeys a server limit lower than its own', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 100, now: c.now, sleep: c.sleep });
    limiter.observe({ limit: 2 });
    expect(limiter.limit).toBe(2);
    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    expect(c.t - 1_000_000).toBe(60_000);
  });

  it('spreads the remaining calls over the rest of the window when few are left', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 100, lowWatermark: 5, now: c.now, sleep: c.sleep });
    await limiter.acquire(); // window estimated to start now
    c.t += 20_000;
    limiter.observe({ limit: 100, remaining: 4 }); // 40 s left, 4 calls → one per 10 s
    const start = c.t;
    await limiter.acquire();
    expect(c.t - start).toBe(10_000);
    expect(limiter.snapshot().callsLeft).toBe(3);
  });

  it('without a limit header, judges "few left" against the most it has seen left', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 6_000, now: c.now, sleep: c.sleep });
    limiter.observe({ remaining: 60 });
    limiter.observe({ remaining: 40 }); // far from the 6 000 we allow ourselves, and from 10 % of 60
    await limiter.acquire();
    expect(c.waits).toEqual([]);
    limiter.observe({ remaining: 5 }); // now 5 of ~60: spread them out
    await limiter.acquire();
    expect(c.waits).toHaveLength(1);
  });

  it('does not slow down while plenty of calls remain', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 100, now: c.now, sleep: c.sleep });
    limiter.observe({ limit: 100, remaining: 80 });
    await limiter.acquire();
    await limiter.acquire();
    expect(c.waits).toEqual([]);
  });

  it('waits out the window when the server says nothing remains', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 100, now: c.now, sleep: c.sleep });
    await limiter.acquire();
    c.t += 15_000;
    limiter.observe({ remaining: 0 });
    const start = c.t;
    await limiter.acquire();
    expect(c.t - start).toBe(45_000);
  });

  it('pauses on retry-after, and a later shorter pause does not shorten it', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 100, now: c.now, sleep: c.sleep });
    limiter.observe({ retryAfterSec: 7, remaining: 0 });
    limiter.pauseUntil(c.t + 1_000);
    expect(limiter.snapshot().pausedUntil).toBe(c.t + 7_000);
    const start = c.t;
    await limiter.acquire();
    expect(c.t - start).toBe(7_000);
  });

  it('rejects an aborted waiter and still serves the next one', async () => {
    const c = fakeClock();
    const limiter = new RateLimiter({ perMinute: 1, now: c.now, sleep: c.sleep });
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('cancelled');
    await limiter.acquire();
    expect(c.t - 1_000_000).toBe(60_000);
  });

  it('refuses a non-positive limit', () => {
    expect(() => new RateLimiter({ perMinute: 0 })).toThrow(RangeError);
  });
});
