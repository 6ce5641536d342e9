/** The API calls a sandbox has seen, so tests can count retries ("no retry storm"). */

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  at: string;
  /** Set when an injected fault shaped the reply. */
  fault?: number;
  /** The client left before the answer (a slow-answer fault outlasted its deadline). */
  clientGone?: true;
}

/** Old entries fall off so a long-running sandbox does not grow without bound. */
const MAX_ENTRIES = 5000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
