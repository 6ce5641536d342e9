/**
 * Parsers for the human-friendly values capture commands take: sizes (`512kb`, `1mb`) and
 * rates (`50/s`); durations and instants are src/core/duration.ts. Each throws a
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

/** Requests per second from `50`, `50/s`, `600/m`, `2/ms`… */
export function parseRate(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(ms|s|sec|m|min|h))?\s*$/i.exec(text);
  const per: Record<string, number> = { ms: 0.001, s: 1, sec: 1, m: 60, min: 60, h: 3600 };
  const rate = match ? Number(match[1]) / per[(match[2] ?? 's').toLowerCase()]! : NaN;
  if (!match || !(rate > 0))
    throw new UsageError(`${flag}: "${text}" is not a rate.`, {
      hint: 'Use requests per second, like 20/s, or 600/m.',
    });
  return rate;
}
