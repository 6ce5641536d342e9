/**
 * Omnidesk's error shape, `{"error": "<snake_case_code>"}`, with 404 for `*_not_found` and 400
 * for validation (the reference's inference; the codes it names are used verbatim).
 */
import { HttpError, isRecord } from '../../../server/http.js';

export function apiError(status: number, code: string): HttpError {
  return new HttpError(status, { error: code });
}

export const notFound = (entity: string) => apiError(404, `${entity}_not_found`);
export const invalid = (code: string) => apiError(400, code);

/** A text field; "" counts as absent, since a multipart body can only send null as "" (§1.1). */
export function optString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw invalid(`wrong_${key}`);
}

/** An integer id given as a number or a numeric string (PHP clients send both). */
export function optId(obj: Record<string, unknown>, key: string): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(`wrong_${key}`);
  return n;
}

export function optIdList(obj: Record<string, unknown>, key: string): number[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  // JSON sends an array; a PHP form `labels[0]=1` decodes to {"0": "1"}; some send "1,2".
  const list = Array.isArray(v)
    ? v
    : isRecord(v)
      ? Object.keys(v)
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => v[k])
      : typeof v === 'string'
        ? v.split(',').filter((x) => x.trim() !== '')
        : [v];
  return list.map((item) => {
    const n =
      typeof item === 'number' ? item : typeof item === 'string' && /^\s*\d+\s*$/.test(item) ? Number(item) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) throw invalid(`wrong_${key}`);
    return n;
  });
}

/** A boolean as JSON (true/false), a form (1/0, "true"/"false") or absent. */
export function optBool(obj: Record<string, unknown>, key: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  throw invalid(`wrong_${key}`);
}

/** Path ids: `{id}` must be a positive integer or the object cannot exist. */
function pathId(value: string | undefined, entity: string): number {
  if (!value || !/^\d+$/.test(value)) throw notFound(entity);
  return Number(value);
}

/** The record a path `{id}` names, or the entity's 404. */
export function byPathId<T>(records: Map<number, T>, value: string | undefined, entity: string): T {
  const found = records.get(pathId(value, entity));
  if (!found) throw notFound(entity);
  return found;
}

/** A message's text: `content` or `content_html`, one of them not blank. */
export function readContent(body: Record<string, unknown>): { content: string; html: string } {
  const content = optString(body, 'content') ?? '';
  const html = optString(body, 'content_html') ?? '';
  if (!content.trim() && !html.trim()) throw invalid('content_required');
  return { content, html };
}
