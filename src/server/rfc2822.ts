/**
 * RFC 2822 dates as Omnidesk prints them: `Tue, 23 Dec 2014 10:55:23 +0300`, in the account's
 * fixed offset (Moscow for the sandbox), never ISO 8601.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `offsetMinutes` east of UTC; 180 is +0300. */
export function formatRfc2822(at: Date | number, offsetMinutes = 180): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return (
    `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`
  );
}

/**
 * Reads a filter bound the way Omnidesk accepts it: a unix timestamp or a date string
 * (`2022-07-22`, read in the account's offset). NaN when unreadable.
 */
export function parseTimeFilter(value: string, offsetMinutes = 180): number {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (day) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = day;
    return Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - offsetMinutes * 60_000;
  }
  return Date.parse(v);
}
