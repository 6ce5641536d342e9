/**
 * The one duration grammar of the command line (README "Durations and times"): a number and a
 * unit, `ms s m h d`, optionally compound from the largest unit down (`1m30s`, `2h15m`,
 * `1d12h`); a bare number is seconds, on every flag (`--timeout 120` is two minutes). Decimals
 * are allowed (`1.5s`); hex, signs, exponents and repeated or out-of-order units are not, so a
 * typo is exit 2 naming the flag instead of a surprising wait. Each flag states its bounds.
 */
import { UsageError } from './errors.js';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
/** Largest first: a compound duration must follow this order. */
const ORDER: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];

const NUMBER = /^\d+(?:\.\d+)?$/;
const PART = /(\d+(?:\.\d+)?)(ms|[dhms])/gy;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Milliseconds from the grammar above, or undefined when the text does not follow it. Bounds
 * are the caller's business: see `parseDuration`.
 */
export function durationMs(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === '') return undefined;
  if (NUMBER.test(s)) return Math.round(Number(s) * SECOND);
  PART.lastIndex = 0;
  let total = 0;
  let rank = -1;
  let consumed = 0;
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    const unit = m[2] as Unit;
    const at = ORDER.indexOf(unit);
    if (at <= rank) return undefined; // `30s1m`, `1m1m`
    rank = at;
    total += Number(m[1]) * UNIT_MS[unit];
    consumed = PART.lastIndex;
  }
  if (consumed !== s.length) return undefined;
  return Math.round(total);
}

export interface DurationBounds {
  /** Smallest accepted value in ms (default 1: a zero wait is never what anyone meant). */
  minMs?: number;
  /** Largest accepted value in ms: past it the value is a typo, not a wish. */
  maxMs: number;
}

/** A duration flag's value in ms, or a UsageError naming the flag and saying what is accepted. */
export function parseDuration(text: string, flag: string, bounds: DurationBounds): number {
  const ms = durationMs(text);
  const minMs = bounds.minMs ?? 1;
  const range = `from ${formatDuration(minMs)} to ${formatDuration(bounds.maxMs)}`;
  if (ms === undefined) {
    throw new UsageError(`${flag}: "${text}" is not a duration`, {
      hint:
        `Use a number and a unit (ms, s, m, h, d), e.g. 500ms, 30s, 2m, 1m30s; a bare number is seconds. ` +
        `Allowed: ${range}.`,
      details: { flag },
    });
  }
  if (ms < minMs || ms > bounds.maxMs) {
    throw new UsageError(`${flag}: ${text.trim()} is out of range (${range})`, { details: { flag } });
  }
  return ms;
}

/**
 * An instant on the command line (`--since`, `--until`): ISO 8601 (`2024-05-01T10:00:00Z`,
 * a date alone is midnight UTC), or a duration meaning "that long before now" (`10m`, `1d`).
 */
export function parseInstant(text: string, flag: string, now: Date, maxAgoMs = 3650 * DAY): Date {
  if (durationMs(text) !== undefined)
    return new Date(now.getTime() - parseDuration(text, flag, { minMs: 0, maxMs: maxAgoMs }));
  // Only date-shaped input goes to Date.parse, which otherwise accepts odd strings like "1".
  const time = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/.test(text.trim()) ? Date.parse(text.trim()) : NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(`${flag}: "${text}" is neither an ISO 8601 time nor a duration ago`, {
      hint: 'Use 2024-05-01T10:00:00Z, or a duration for that long ago: 10m, 2h, 1d.',
      details: { flag },
    });
  }
  return new Date(time);
}

/** `60 s`, `1.5 s`, `800 ms`, `2 min`, `3 h`, `7 d`: how messages and hints state a wait. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(1))} s`;
  if (ms < 2 * HOUR && ms % HOUR !== 0) return `${Number((ms / 60_000).toFixed(1))} min`;
  if (ms < 2 * DAY && ms % DAY !== 0) return `${Number((ms / HOUR).toFixed(1))} h`;
  return `${Number((ms / DAY).toFixed(1))} d`;
}
