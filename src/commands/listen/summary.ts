/** The tally `listen` prints on stderr when it stops. */
import type { CaptureRecord } from '../../capture/record.js';

export class ListenTally {
  requests = 0;
  invalid = 0;
  forwarded = 0;
  forwardFailed = 0;
  rejected = 0;
  /** Answered 503 because their record could not be written. */
  unrecorded = 0;
  readonly byEvent = new Map<string, number>();

  add(record: CaptureRecord): void {
    this.requests += 1;
    if (!record.valid) this.invalid += 1;
    const status = record.response.status;
    if (status < 200 || status >= 300) this.rejected += 1;
    const event = record.event ?? 'unknown';
    this.byEvent.set(event, (this.byEvent.get(event) ?? 0) + 1);
    if (record.forward) {
      this.forwarded += 1;
      const f = record.forward;
      if (f.error || f.status < 200 || f.status >= 300) this.forwardFailed += 1;
    }
  }

  toJSON(): Record<string, unknown> {
    return {
      requests: this.requests,
      byEvent: Object.fromEntries(this.byEvent),
      invalid: this.invalid,
      rejected: this.rejected,
      forwarded: this.forwarded,
      forwardFailed: this.forwardFailed,
      unrecorded: this.unrecorded,
    };
  }

  lines(capture: string | undefined): string[] {
    const events = [...this.byEvent.entries()].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ${n}`);
    const out = [
      `listen: ${this.requests} request${this.requests === 1 ? '' : 's'} · invalid ${this.invalid} · answered ` +
        `non-2xx ${this.rejected}` +
        (this.forwarded || this.forwardFailed ? ` · forwarded ${this.forwarded} (${this.forwardFailed} failed)` : ''),
    ];
    if (this.unrecorded) out.push(`  not recorded (answered 503): ${this.unrecorded}`);
    if (events.length) out.push(`  by event: ${events.join(' · ')}`);
    if (capture) out.push(`  captured to ${capture}`);
    return out;
  }
}
