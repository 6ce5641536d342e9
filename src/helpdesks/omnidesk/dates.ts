/**
 * Omnidesk's one date format (reference §1.7): RFC 2822 with the account's offset,
 * `Tue, 23 Dec 2014 10:55:23 +0300`, never ISO 8601. One time-zone policy: a string Omnidesk
 * sends carries its own offset and is read exactly; what omnibot writes as Omnidesk (the
 * sandbox, sample webhooks) uses the sandbox account's offset, Moscow (+0300, no daylight
 * saving), like the Russian accounts in the reference. Filter bounds without an offset
 * (`from_time=2022-07-22`) are read in that same account offset.
 */

/** The sandbox account's offset, minutes east of UTC. */
export const ACCOUNT_OFFSET_MIN = 180;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `at` in RFC 2822 at `offsetMinutes` east of UTC (180 is +0300). */
export function formatRfc2822(at: Date | number, offsetMinutes = ACCOUNT_OFFSET_MIN): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  const date = `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`;
}

const RFC2822 =
  /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-])(\d{2})(\d{2})$/;

/** An Omnidesk date string → the instant it names; undefined for `"-"`, `""` and other shapes. */
export function parseRfc2822(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC2822.exec(value.trim());
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (!m || month === -1) return undefined;
  const [, day, , year, h, mi, s = '0', sign, oh, om] = m;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const local = Date.UTC(Number(year), month, Number(day), Number(h), Number(mi), Number(s));
  const check = new Date(local);
  // 31 Feb and 25:00 are not dates, whatever Date.UTC rolls them over to.
  if (check.getUTCDate() !== Number(day) || check.getUTCHours() !== Number(h)) return undefined;
  return new Date(local - offset * 60_000);
}

/**
 * Reads a filter bound the way Omnidesk accepts it: a unix timestamp or a date string
 * (`2022-07-22`, `2022-07-22 10:00`, read in the account's offset). NaN when unreadable.
 */
export function parseTimeFilter(value: string, offsetMinutes = ACCOUNT_OFFSET_MIN): number {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (day) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = day;
    return Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - offsetMinutes * 60_000;
  }
  // Anything else Date.parse reads (ISO 8601 with a zone, say), as before.
  return parseRfc2822(v)?.getTime() ?? Date.parse(v);
}
