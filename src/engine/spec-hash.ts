/**
 * A fingerprint of a manual spec. A confirmation in the state file is tied to the spec it was
 * given for, so changing the webhook URL or the label makes the step pending again.
 */
import { createHash } from 'node:crypto';
import type { ManualSpec } from '../core/manual-step.js';

/** JSON with object keys sorted, so two equal specs always hash the same. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function specHash(spec: ManualSpec): string {
  return `sha256:${createHash('sha256').update(stable(spec)).digest('hex').slice(0, 16)}`;
}
