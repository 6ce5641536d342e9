/**
 * Duplicate-webhook guard. Helpdesks may deliver the same webhook twice (HelpDeskEddy retries
 * by design, Omnidesk on timeouts); answering twice would look broken to the customer. A
 * webhook is a duplicate when the same case and the same text were seen within the window.
 * Bounded, so a long-running sandbox bot does not grow without limit.
 */

export class Deduper {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 10 * 60_000,
    private readonly maxEntries = 5000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** True the first time a key is seen in the window; false for a duplicate. */
  firstTime(key: string): boolean {
    const now = this.clock();
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.windowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    // Map keeps insertion order: the first entries are the oldest.
    while (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }
}

export function dedupeKey(helpdesk: string, caseId: string | number, text: string): string {
  return `${helpdesk}\u0000${caseId}\u0000${text.trim()}`;
}
