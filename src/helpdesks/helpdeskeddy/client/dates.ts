/**
 * HelpDeskEddy's three date formats (reference §3), none with a timezone: tickets and users
 * `YYYY-MM-DD HH:MM:SS`, posts and comments `HH:MM:SS DD.MM.YYYY` (time first), SLA and freeze
 * dates `DD.MM.YYYY HH:MM`. The zone is presumably the account's local time, so omnibot reads
 * and writes wall-clock values as UTC: comparisons between dates of one account stay correct,
 * and nothing pretends to know the offset.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parts(d: Date) {
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
export function formatDateTime(d: Date): string {
  const p = parts(d);
  return `${p.Y}-${p.M}-${p.D} ${p.h}:${p.m}:${p.s}`;
}

/** Posts and comments: `10:15:00 01.03.2025`. */
export function formatPostDate(d: Date): string {
  const p = parts(d);
  return `${p.h}:${p.m}:${p.s} ${p.D}.${p.M}.${p.Y}`;
}

/** `sla_date`, `freeze_date`: `01.03.2025 12:15`. */
export function formatSlaDate(d: Date): string {
  const p = parts(d);
  return `${p.D}.${p.M}.${p.Y} ${p.h}:${p.m}`;
}

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const TIME_FIRST = /^(\d{2}):(\d{2})(?::(\d{2}))? (\d{2})\.(\d{2})\.(\d{4})$/;
const DATE_FIRST = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

function make(Y: string, M: string, D: string, h: string, m: string, s: string | undefined): Date | undefined {
  const d = new Date(Date.UTC(+Y, +M - 1, +D, +h, +m, s ? +s : 0));
  // Rejects 31.02 and 25:00 instead of silently rolling them over.
  return d.getUTCDate() === +D && d.getUTCHours() === +h ? d : undefined;
}

/**
 * Any of the three formats (and the date-first variant with seconds that webhook dates may use)
 * → a Date holding the wall-clock time as UTC. Empty, `"null"` and unknown shapes → undefined.
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
