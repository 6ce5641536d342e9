/**
 * Request bodies as the real API takes them (reference §1.1): JSON wrapped in the entity key
 * (`{"case": {...}}`), `multipart/form-data` with PHP bracket names (`case[subject]`,
 * `case[attachments][0]` as a file), and `application/x-www-form-urlencoded` with the same names
 * (accepted in 2016 [S justCxx]; still accepted here). All three decode to the same object, so a
 * handler never knows which one it got. A bad body is the API's `{"error": …}` with a 4xx.
 */
import { decodeForm, newFormTree, placeFormValue, splitBracketKey } from '../../../core/php-form.js';
import { isRecord } from '../../../server/http.js';
import { MultipartError, multipartBoundary, parseMultipart } from '../../../server/multipart.js';
import type { RouteRequest } from '../../../server/router.js';
import { apiError, invalid } from './api-errors.js';

/** A file part of a multipart body. */
export interface UploadedFile {
  kind: 'upload';
  file_name: string;
  mime_type: string;
  data: Buffer;
}

export function isUpload(value: unknown): value is UploadedFile {
  return isRecord(value) && value.kind === 'upload' && Buffer.isBuffer(value.data);
}

type Tree = Record<string, unknown>;

function fromMultipart(body: Buffer, boundary: string): Tree {
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (err) {
    if (err instanceof MultipartError) throw invalid('invalid_multipart');
    throw err;
  }
  const root: Tree = newFormTree();
  for (const part of parts) {
    const value: unknown =
      part.filename !== undefined
        ? ({
            kind: 'upload',
            file_name: part.filename || 'file',
            mime_type: part.contentType ?? 'application/octet-stream',
            data: Buffer.from(part.data),
          } satisfies UploadedFile)
        : part.data.toString('utf8');
    placeFormValue(root, splitBracketKey(part.name), value);
  }
  return root;
}

function fromJson(text: string): Tree {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('invalid_json');
  }
  // PHP clients encode an empty array as `[]` (vragovR's and palachX's action PUTs send it as the body).
  if (Array.isArray(value) && value.length === 0) return {};
  if (!isRecord(value)) throw invalid('invalid_json');
  return value;
}

/** The decoded body; an empty body is `{}` (PUT …/trash.json has none). */
export function readBodyObject(req: RouteRequest): Tree {
  const header = String(req.headers['content-type'] ?? '');
  const type = header.toLowerCase();
  // The boundary is case-sensitive ("RubyMultipartPost-…"): read it from the header as sent.
  const boundary = multipartBoundary(header);
  if (boundary) return fromMultipart(req.body, boundary);
  if (type.startsWith('multipart/')) throw invalid('invalid_multipart');
  const text = req.body.toString('utf8').trim();
  if (!text) return {};
  if (type.includes('json')) return fromJson(text);
  if (type.includes('application/x-www-form-urlencoded')) return decodeForm(text);
  // No (or a generic) content type: clients forget it; judge by the first byte.
  if (text.startsWith('{') || text.startsWith('[')) return fromJson(text);
  if (!type || type.startsWith('text/plain') || type.startsWith('application/octet-stream')) {
    if (/^[^=&\s]+=/.test(text)) return decodeForm(text);
  }
  throw apiError(415, 'unsupported_content_type');
}

/**
 * Reads `{"<entity>": {...}}` (or `entity[key]=…` fields), the wrapper every Omnidesk request body
 * has. A bare object is refused like the real API would, so a client that forgets the wrapper
 * fails here.
 */
export function readEntity(req: RouteRequest, entity: string): Record<string, unknown> {
  const inner = readBodyObject(req)[entity];
  if (!isRecord(inner) || isUpload(inner)) throw invalid(`${entity}_data_required`);
  return inner;
}

/**
 * The entity wrapper when there is one, else the whole body: some calls send their fields bare (palachX link/unlink).
 */
export function readEntityOrBare(req: RouteRequest, entity: string): Record<string, unknown> {
  const body = readBodyObject(req);
  const inner = body[entity];
  return isRecord(inner) && !isUpload(inner) ? inner : body;
}
