/**
 * Validates a command's options with its zod schema. A failure is a UsageError that names the
 * flag as the user typed it (`--max-body`), never the camelCase key.
 */
import type { z } from 'zod';
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
