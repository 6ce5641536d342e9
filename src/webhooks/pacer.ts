/**
 * When each replayed request may start. `--rate N/s` spaces starts evenly (1/N s apart, no
 * bursts); `--preserve-timing` reproduces the gaps between the original `receivedAt` times.
 * With both, a request waits for whichever allows it later. Start times are computed from the
 * run's start, not from the previous send, so slow responses do not accumulate drift.
 */
export interface PacerOptions {
  ratePerSecond?: number;
  preserveTiming?: boolean;
  signal?: AbortSignal;
  now?: () => number;
}

export class Pacer {
  private readonly now: () => number;
  private startedAt: number | undefined;
  private firstRecordedAt: number | undefined;
  private granted = 0;

  /** Wakers of the requests now waiting; one listener on the signal wakes them all. */
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? (() => performance.now());
    if (this.active) options.signal?.addEventListener('abort', () => this.wakeAll(), { once: true });
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  get active(): boolean {
    return Boolean(this.options.ratePerSecond || this.options.preserveTiming);
  }

  /** The delay (ms) before the next request, whose original time was `receivedAt`. */
  delayFor(receivedAt: string): number {
    const now = this.now();
    this.startedAt ??= now;
    let due = this.startedAt;
    if (this.options.ratePerSecond)
      due = Math.max(due, this.startedAt + (this.granted * 1000) / this.options.ratePerSecond);
    if (this.options.preserveTiming) {
      const at = Date.parse(receivedAt);
      if (!Number.isNaN(at)) {
        this.firstRecordedAt ??= at;
        due = Math.max(due, this.startedAt + Math.max(0, at - this.firstRecordedAt));
      }
    }
    this.granted += 1;
    return Math.max(0, due - now);
  }

  /** Resolves when the next request may start, or at once when the signal aborts. */
  async wait(receivedAt: string): Promise<void> {
    if (!this.active) return;
    const ms = this.delayFor(receivedAt);
    if (ms <= 0 || this.options.signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
