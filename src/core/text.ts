/**
 * Text of a value that came from outside (a JSON answer, a decoded form, a config): the one place
 * that decides how an unknown becomes a string. Scalars print as themselves, null and undefined as
 * '', maps and lists as JSON (never "[object Object]"; and String() of a decoded form's
 * null-prototype map would throw).
 */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol' || typeof value === 'function') return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return ''; // a cycle: nothing sensible to show
  }
}
