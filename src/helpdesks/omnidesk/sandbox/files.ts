/**
 * Attachments: files uploaded in a multipart body (`case[attachments][0]`,
 * `message[attachments][0]`, `note[attachments][0]`) and links given as `attachment_urls`
 * (reference §1.1, §2.2). Uploads are kept in memory and served back at their `url`; the limits
 * are the real ones per file and per request [C], plus a sandbox-wide cap so a long session
 * cannot eat the machine's memory.
 */
import { isRecord } from '../../../server/http.js';
import { apiError, invalid } from './api-errors.js';
import { isUpload, type UploadedFile } from './request-body.js';
import type { FileRec, OmnideskStore } from './store.js';

const MB = 1024 * 1024;
/** Reference §1.1 [C]: 25 MB per file, 50 MB per request. */
export const MAX_FILE_BYTES = 25 * MB;
export const MAX_REQUEST_FILE_BYTES = 50 * MB;
/** The sandbox's own bound on all uploads held at once (inferred; not an Omnidesk limit). */
export const MAX_STORED_FILE_BYTES = 200 * MB;

/** A PHP-form list arrives as an object keyed "0", "1", …; JSON sends an array. */
function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (isRecord(value) && !isUpload(value)) {
    return Object.keys(value)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => value[k]);
  }
  return [value];
}

function nameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : 'file';
  } catch {
    return last ?? 'file';
  }
}

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
};

function mimeOf(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (ext && MIME_BY_EXT[ext]) || 'application/octet-stream';
}

/**
 * Validates and stores the attachments of an entity body; returns their file ids. Everything is
 * checked before anything is stored, so a refused request leaves no orphan files behind.
 */
export function takeAttachments(store: OmnideskStore, body: Record<string, unknown>): number[] {
  const uploads = listOf(body.attachments);
  for (const u of uploads) if (!isUpload(u)) throw invalid('wrong_attachments');
  const files = uploads as UploadedFile[];
  const urls = listOf(body.attachment_urls).map((raw) => {
    if (typeof raw !== 'string') throw invalid('wrong_attachment_urls');
    try {
      const url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
      return url;
    } catch {
      throw invalid('wrong_attachment_urls');
    }
  });
  let total = 0;
  for (const f of files) {
    if (f.data.length > MAX_FILE_BYTES) throw invalid('attachment_too_large');
    total += f.data.length;
  }
  if (total > MAX_REQUEST_FILE_BYTES) throw invalid('attachments_too_large');
  if (store.fileBytes + total > MAX_STORED_FILE_BYTES) throw apiError(413, 'sandbox_file_storage_full');

  const ids: number[] = [];
  for (const f of files) {
    const rec: FileRec = {
      file_id: store.nextId('file'),
      file_name: f.file_name,
      file_size: f.data.length,
      mime_type: f.mime_type,
      data: f.data,
    };
    store.files.set(rec.file_id, rec);
    store.fileBytes += rec.file_size;
    ids.push(rec.file_id);
  }
  for (const url of urls) {
    const name = nameFromUrl(url);
    const rec: FileRec = {
      file_id: store.nextId('file'),
      file_name: name,
      file_size: 0,
      mime_type: mimeOf(name),
      url: url.toString(),
    };
    store.files.set(rec.file_id, rec);
    ids.push(rec.file_id);
  }
  return ids;
}

/** Where an uploaded file is served (the admin path: loopback only, no auth, like a signed link). */
export function fileUrl(origin: string, f: FileRec): string {
  return f.url ?? `${origin}/_sandbox/files/${f.file_id}/${encodeURIComponent(f.file_name)}`;
}

export function fileJson(store: OmnideskStore, origin: string, id: number) {
  const f = store.files.get(id);
  if (!f) return undefined;
  return {
    file_id: f.file_id,
    file_name: f.file_name,
    file_size: f.file_size,
    mime_type: f.mime_type,
    url: fileUrl(origin, f),
  };
}

/** Forgets the files of deleted messages, so their memory is given back. */
export function dropFiles(store: OmnideskStore, ids: readonly number[]): void {
  for (const id of ids) {
    const f = store.files.get(id);
    if (!f) continue;
    store.fileBytes -= f.data?.length ?? 0;
    store.files.delete(id);
  }
}
