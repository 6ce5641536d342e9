/**
 * Webhook bodies as the reference bot and verify's delivery log read them: JSON or a form,
 * and the loose number and text fields helpdesks send (ids often arrive as strings).
 */
import { decodeForm } from './php-form.js';

export function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Omnidesk sends "" for what a case lacks; that is no text. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** JSON, or a PHP-style form body (the one decoder: `a[b]=1` is `{ a: { b: '1' } }`). */
export function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return decodeForm(raw);
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
