/**
 * Request bodies as HelpDeskEddy accepts them on POST and PUT (reference §1.3): JSON,
 * form-urlencoded with PHP bracket keys (`cc[]`, `custom_fields[3]`, `files[0]`) and multipart
 * (files). All three become one plain object, so a handler never cares which a client used.
 */
import { decodeForm, newFormTree, placeFormValue, splitBracketKey } from '../../../core/php-form.js';
import { HttpError } from '../../../server/http.js';

export interface ParsedBody {
  fields: Record<string, unknown>;
  files: Array<{ name: string; size: number }>;
}

/** HelpDeskEddy's 400: an `errors` array with `e-400`. */
export function badRequest(details: string): HttpError {
  return new HttpError(400, { errors: [{ code: 'e-400', title: 'Bad request', details }] });
}

export async function parseRequestBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (!text.trim()) return { fields: {}, files: [] };
  if (type === 'application/x-www-form-urlencoded') {
    return { fields: decodeForm(text), files: [] };
  }
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': contentType! } }).formData();
    } catch {
      throw badRequest('Malformed multipart body.');
    }
    const fields: Record<string, unknown> = newFormTree();
    const files: ParsedBody['files'] = [];
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') placeFormValue(fields, splitBracketKey(k), v);
      else files.push({ name: v.name, size: v.size });
    }
    return { fields, files };
  }
  // JSON is the default: DOC-NEW documents it, and clients often omit the content type.
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return { fields: value as Record<string, unknown>, files: [] };
  } catch {
    // fall through to the error below
  }
  throw badRequest('The body must be a JSON object, form-urlencoded or multipart/form-data.');
}

/** A field as a trimmed string, whatever its JSON type; undefined when absent or empty. */
export function str(fields: Record<string, unknown>, name: string): string | undefined {
  const v = fields[name];
  if (v === undefined || v === null) return undefined;
  // `title[x]=1` or a JSON object where text belongs: refused, never turned into "[object Object]".
  if (typeof v === 'object') throw badRequest(`Field ${name} must be a string.`);
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** A field as a whole number (accepts "5" and 5); undefined when absent; HttpError when garbage. */
export function int(fields: Record<string, unknown>, name: string): number | undefined {
  const s = str(fields, name);
  if (s === undefined) return undefined;
  if (!/^-?\d+$/.test(s)) throw badRequest(`Field ${name} must be a number.`);
  return Number(s);
}

/** 1/0, true/false, "1"/"0", "true"/"false". */
export function bool(fields: Record<string, unknown>, name: string): boolean | undefined {
  const s = str(fields, name);
  if (s === undefined) return undefined;
  return !(s === '0' || s.toLowerCase() === 'false');
}

