/**
 * Parsers for the human-friendly values capture commands take: sizes (`512kb`, `1mb`),
 * instants (`2024-05-01T10:00:00Z` or `10m` ago) and rates (`50/s`). Each throws a
 * UsageError naming the flag, so a typo is exit 2 with a hint, never a stack trace.
 */
import { UsageError } from '../core/errors.js';

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Bytes from `1048576`, `512kb`, `1mb`, `1.5MiB` (binary units: 1kb = 1024 bytes). */
export function parseSize(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new UsageError(`${flag}: "${text}" is not a size.`, { hint: 'Use bytes or a unit: 512kb, 1mb, 2mb.' });
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1) throw new UsageError(`${flag}: the size must be at least 1 byte.`);
  return bytes;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds from `250ms`, `30s`, `10m`, `2h`, `1d`. */
export function parseDuration(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/i.exec(text);
  if (!match) throw new UsageError(`${flag}: "${text}" is not a duration.`, { hint: 'Use a number and a unit: 500ms, 30s, 10m, 2h, 1d.' });
  return Number(match[1]) * DURATION_UNITS[match[2]!.toLowerCase()]!;
}

/** An instant: ISO 8601, or a duration meaning "that long before now" (`10m`, `2h`). */
export function parseInstant(text: string, flag: string, now: Date): Date {
  if (/^\s*\d+(?:\.\d+)?\s*(ms|s|m|h|d|w)\s*$/i.test(text)) return new Date(now.getTime() - parseDuration(text, flag));
  // Only date-shaped input goes to Date.parse, which otherwise accepts odd strings like "1".
  const time = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text) : NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(`${flag}: "${text}" is neither an ISO 8601 time nor a relative one.`, {
      hint: 'Use 2024-05-01T10:00:00Z, or 10m / 2h / 1d for that long ago.',
    });
  }
  return new Date(time);
}

/** Requests per second from `50`, `50/s`, `600/m`, `2/ms`… */
export function parseRate(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(ms|s|sec|m|min|h))?\s*$/i.exec(text);
  const per: Record<string, number> = { ms: 0.001, s: 1, sec: 1, m: 60, min: 60, h: 3600 };
  const rate = match ? Number(match[1]) / per[(match[2] ?? 's').toLowerCase()]! : NaN;
  if (!match || !(rate > 0)) throw new UsageError(`${flag}: "${text}" is not a rate.`, { hint: 'Use requests per second, like 20/s, or 600/m.' });
  return rate;
}
