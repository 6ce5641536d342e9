/**
 * The account-wide limit as HelpDeskEddy enforces it (reference §1.6): requests are counted per
 * rolling minute; the one that goes over starts a ban, and every request during the ban gets
 * 401 with the `e-401` "Ban" body — a client that retries only prolongs its own lockout. The
 * 429 variant exists behind an option because one source's classifier accepts it.
 */

export type GateVerdict =
  { kind: 'ok'; remaining: number } | { kind: 'banned'; minutes: number } | { kind: 'limited'; retryAfterSec: number };

export interface RateGateOptions {
  limit: number;
  banMinutes: number;
  overLimit: 'ban' | '429';
  now: () => number;
}

const WINDOW_MS = 60_000;

export class RateGate {
  private hits: number[] = [];
  private bannedUntil = 0;
  private banLength: number;

  constructor(private readonly options: RateGateOptions) {
    this.banLength = options.banMinutes;
  }

  get limit(): number {
    return this.options.limit;
  }

  /** Counts one API request and says whether it may proceed. */
  check(): GateVerdict {
    const now = this.options.now();
    if (this.bannedUntil > now) return { kind: 'banned', minutes: this.banLength };
    this.hits = this.hits.filter((t) => t > now - WINDOW_MS);
    if (this.hits.length >= this.options.limit) {
      if (this.options.overLimit === '429') {
        return { kind: 'limited', retryAfterSec: Math.max(1, Math.ceil((this.hits[0]! + WINDOW_MS - now) / 1000)) };
      }
      this.ban();
      return { kind: 'banned', minutes: this.banLength };
    }
    this.hits.push(now);
    return { kind: 'ok', remaining: this.remaining() };
  }

  remaining(): number {
    const now = this.options.now();
    if (this.bannedUntil > now) return 0;
    return Math.max(0, this.options.limit - this.hits.filter((t) => t > now - WINDOW_MS).length);
  }

  ban(minutes = this.options.banMinutes): void {
    this.banLength = minutes;
    this.bannedUntil = this.options.now() + minutes * 60_000;
  }

  /** Lifts the ban and forgets the window, as if a quiet minute had passed. */
  clear(): void {
    this.bannedUntil = 0;
    this.hits = [];
    this.banLength = this.options.banMinutes;
  }

  status(): { banned: boolean; until?: string; minutes?: number } {
    const now = this.options.now();
    if (this.bannedUntil <= now) return { banned: false };
    return { banned: true, until: new Date(this.bannedUntil).toISOString(), minutes: this.banLength };
  }

  banBody(): unknown {
    return {
      errors: [
        {
          code: 'e-401',
          title: 'Ban',
          details: `Ban for ${this.banLength} min. API limit reached (${this.options.limit} request per minute).`,
        },
      ],
    };
  }
}
