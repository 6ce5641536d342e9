/**
 * Request bodies as HelpDeskEddy accepts them on POST and PUT (reference §1.3 [C+]): JSON,
 * form-urlencoded with PHP bracket keys (`cc[]`, `custom_fields[3]`) and multipart with files
 * (`files[0]`, `files[]`, or repeated `files`). All three become one plain object, so a handler
 * never cares which a client used. Every file part is kept, whatever its field name [INF]. A bad
 * body is the API's error array with `e-400` (validation bodies are not published, §1.5 [INF]).
 */
import { textOf } from '../../../core/text.js';
import { decodeForm, looksLikeForm, newFormTree, placeFormValue, splitBracketKey } from '../../../core/php-form.js';
import { HttpError, isRecord } from '../../../server/http.js';
import { MultipartError, multipartBoundary, parseMultipart } from '../../../server/multipart.js';

export interface UploadedFile {
  name: string;
  mimeType: string;
  data: Buffer;
}

export interface ParsedBody {
  fields: Record<string, unknown>;
  files: UploadedFile[];
}

/** HelpDeskEddy's 400: an `errors` array with `e-400`. */
export function badRequest(details: string): HttpError {
  return new HttpError(400, { errors: [{ code: 'e-400', title: 'Bad request', details }] });
}

function fromMultipart(raw: Buffer, boundary: string): ParsedBody {
  let parts;
  try {
    parts = parseMultipart(raw, boundary);
  } catch (err) {
    if (err instanceof MultipartError) throw badRequest(`Malformed multipart body: ${err.message}.`);
    throw err;
  }
  const fields = newFormTree();
  const files: UploadedFile[] = [];
  for (const part of parts) {
    if (part.filename !== undefined) {
      files.push({
        name: part.filename || 'file',
        mimeType: part.contentType ?? 'application/octet-stream',
        data: Buffer.from(part.data),
      });
    } else {
      placeFormValue(fields, splitBracketKey(part.name), part.data.toString('utf8'));
    }
  }
  return { fields, files };
}

function fromJson(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
  // PHP clients encode an empty array for "no fields".
  if (Array.isArray(value) && value.length === 0) return { fields: {}, files: [] };
  if (!isRecord(value)) throw badRequest('The body must be a JSON object.');
  return { fields: value, files: [] };
}

export function parseRequestBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  const type = (contentType ?? '').toLowerCase();
  const boundary = multipartBoundary(contentType);
  if (boundary) return fromMultipart(raw, boundary);
  if (type.startsWith('multipart/')) throw badRequest('A multipart body needs a boundary in its content type.');
  const text = raw.toString('utf8');
  if (!text.trim()) return { fields: {}, files: [] };
  if (type.includes('application/x-www-form-urlencoded')) return { fields: decodeForm(text.trim()), files: [] };
  if (type.includes('json')) return fromJson(text);
  // No content type, or a generic one: clients forget it. JSON is what DOC-NEW documents.
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && looksLikeForm(trimmed))
    return { fields: decodeForm(trimmed), files: [] };
  return fromJson(text);
}

/** A field as a trimmed string, whatever its JSON type; undefined when absent or empty. */
export function str(fields: Record<string, unknown>, name: string): string | undefined {
  const v = fields[name];
  if (v === undefined || v === null) return undefined;
  // `title[x]=1` or a JSON object where text belongs: refused, never turned into "[object Object]".
  if (typeof v === 'object') throw badRequest(`Field ${name} must be a string.`);
  const s = textOf(v).trim();
  return s === '' ? undefined : s;
}

/** Like `str`, but keeps the text as sent (HTML bodies keep their whitespace). */
export function text(fields: Record<string, unknown>, name: string): string | undefined {
  const v = fields[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') throw badRequest(`Field ${name} must be a string.`);
  const s = textOf(v);
  return s.trim() === '' ? undefined : s;
}

/** A field as a whole number (accepts "5" and 5); undefined when absent; 400 when garbage. */
export function int(fields: Record<string, unknown>, name: string): number | undefined {
  const s = str(fields, name);
  if (s === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(s)) throw badRequest(`Field ${name} must be a number.`);
  return Number(s);
}

/** 1/0, true/false, "1"/"0", "true"/"false"; anything else is a 400 naming the field. */
export function bool(fields: Record<string, unknown>, name: string): boolean | undefined {
  const s = str(fields, name);
  if (s === undefined) return undefined;
  const v = s.toLowerCase();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw badRequest(`Field ${name} must be 1/0 or true/false.`);
}

/**
 * A list field: a JSON array, a PHP list (`cc[]=a&cc[]=b` or `cc[0]=a`), or one value (a
 * comma-separated string is split [INF]). Scalars only; undefined when absent.
 */
export function list(fields: Record<string, unknown>, name: string): string[] | undefined {
  const v = fields[name];
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : isRecord(v) ? Object.values(v) : textOf(v).split(',');
  const out: string[] = [];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    if (typeof item === 'object') throw badRequest(`Field ${name} must be a list of values.`);
    const s = String(item).trim();
    if (s !== '') out.push(s);
  }
  return out;
}

/** A list of whole numbers (ids). */
export function intList(fields: Record<string, unknown>, name: string): number[] | undefined {
  const items = list(fields, name);
  if (items === undefined) return undefined;
  return items.map((s) => {
    if (!/^\d{1,15}$/.test(s)) throw badRequest(`Field ${name} must list numeric ids; "${s}" is not one.`);
    return Number(s);
  });
}

/**
 * A map field such as `custom_fields` (`{"3": "x"}`, `custom_fields[3]=x`). Some clients send it
 * as a JSON string inside a form or multipart body (shanart); that is read too [INF]. PHP's empty
 * array `[]` is an empty map.
 */
export function map(fields: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  let v = fields[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw badRequest(`Field ${name} must be an object of id → value.`);
    }
  }
  if (Array.isArray(v) && v.length === 0) return {};
  if (!isRecord(v)) throw badRequest(`Field ${name} must be an object of id → value.`);
  return v;
}
