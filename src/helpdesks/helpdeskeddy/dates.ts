/**
 * HelpDeskEddy's three date formats (reference §3), none with a time zone: tickets, users and
 * list filters `YYYY-MM-DD HH:MM:SS`, posts and comments `HH:MM:SS DD.MM.YYYY` (time first), SLA
 * and freeze dates `DD.MM.YYYY HH:MM`.
 *
 * One time-zone policy, used by the client, the sandbox and sample webhooks alike: a date is the
 * account's wall-clock time, and omnibot takes the account's zone to be Moscow (UTC+3, no
 * daylight saving), like the sandbox and the Russian accounts in the reference. Formatting
 * writes an instant as Moscow wall-clock time; parsing reads wall-clock time as Moscow. On an
 * account in another zone every instant is off by the same amount, which changes nothing
 * omnibot decides: it only orders one account's dates against each other.
 */

/** The account's assumed offset, minutes east of UTC. */
export const ACCOUNT_OFFSET_MIN = 180;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parts(at: Date) {
  const d = new Date(at.getTime() + ACCOUNT_OFFSET_MIN * 60_000);
  return {
    Y: pad(d.getUTCFullYear(), 4),
    M: pad(d.getUTCMonth() + 1),
    D: pad(d.getUTCDate()),
    h: pad(d.getUTCHours()),
    m: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
  };
}

/** Tickets, users and list filters: `2025-03-01 10:15:00`. */
export function formatDateTime(at: Date): string {
  const p = parts(at);
  return `${p.Y}-${p.M}-${p.D} ${p.h}:${p.m}:${p.s}`;
}

/** Posts and comments: `10:15:00 01.03.2025`. */
export function formatPostDate(at: Date): string {
  const p = parts(at);
  return `${p.h}:${p.m}:${p.s} ${p.D}.${p.M}.${p.Y}`;
}

/** `sla_date`, `freeze_date`: `01.03.2025 12:15`. */
export function formatSlaDate(at: Date): string {
  const p = parts(at);
  return `${p.D}.${p.M}.${p.Y} ${p.h}:${p.m}`;
}

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const TIME_FIRST = /^(\d{2}):(\d{2})(?::(\d{2}))? (\d{2})\.(\d{2})\.(\d{4})$/;
const DATE_FIRST = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

function make(Y: string, M: string, D: string, h: string, m: string, s: string | undefined): Date | undefined {
  const wall = new Date(Date.UTC(+Y, +M - 1, +D, +h, +m, s ? +s : 0));
  // Rejects 31.02 and 25:00 instead of silently rolling them over.
  if (wall.getUTCDate() !== +D || wall.getUTCHours() !== +h) return undefined;
  return new Date(wall.getTime() - ACCOUNT_OFFSET_MIN * 60_000);
}

/**
 * Any of the three formats (and the date-first variant with seconds that webhook dates may use)
 * → the instant, reading the wall-clock time in the account's zone. Empty, `"null"` and unknown
 * shapes → undefined.
 */
export function parseHdeDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  let m = ISO_LIKE.exec(v);
  if (m) return make(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]);
  m = TIME_FIRST.exec(v);
  if (m) return make(m[6]!, m[5]!, m[4]!, m[1]!, m[2]!, m[3]);
  m = DATE_FIRST.exec(v);
  if (m) return make(m[3]!, m[2]!, m[1]!, m[4]!, m[5]!, m[6]);
  return undefined;
}
