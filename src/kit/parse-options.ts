/**
 * Validates a command's options with its zod schema. A failure is a UsageError that names the
 * flag as the user typed it (`--max-body`), never the camelCase key.
 */
import { z } from 'zod';
import { UsageError } from '../core/errors.js';

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function parseOptions<S extends z.ZodType>(schema: S, opts: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(opts);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.length ? String(issue.path[0]) : '';
  const where = key ? flagName(key) : 'options';
  throw new UsageError(`${where}: ${issue.message}`, { details: { flag: where } });
}

/**
 * The one reading of a whole-number flag (`--port`, `--count`, `--rate-limit`…): decimal digits
 * only. `Number()` alone would take `0x1F90`, `1e3`, ` 8`, and `''` as 0, so a typo would bind a
 * port nobody asked for. A number (a caller in-process) is held to the same bounds.
 */
export function wholeNumber(min: number, max: number) {
  const inRange = `must be between ${min} and ${max}`;
  return z
    .union([z.string(), z.number()], { error: 'must be a whole number' })
    .refine(
      (v) => (typeof v === 'number' ? Number.isInteger(v) : /^\d+$/.test(v)),
      'must be a whole number (decimal digits only)',
    )
    .transform(Number)
    .refine((n) => n >= min && n <= max, inRange);
}
