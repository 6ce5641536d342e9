/**
 * Files attached to posts and comments (multipart `files[…]`, reference §1.3, §2.5 [C+]). They
 * are kept in memory and served at the URL the API lists, `<origin>/ru/file/download/<hash>`
 * (§3 [C+]: a 40-hex hash under `/<lang>/file/download/`). HelpDeskEddy's size limits are not
 * published, so the sandbox's are its own [INF]: 25 MB a file (the request body cap is larger) and
 * 200 MB held at once, after which a new upload is refused with e-413.
 */
import { createHash } from 'node:crypto';
import { HttpError } from '../../../server/http.js';
import type { UploadedFile } from './request-body.js';
import type { StoredFileRef } from './store.js';

const MB = 1024 * 1024;
export const MAX_FILE_BYTES = 25 * MB;
export const MAX_HELD_BYTES = 200 * MB;

interface Held {
  name: string;
  mimeType: string;
  data: Buffer;
}

function tooLarge(details: string): HttpError {
  return new HttpError(413, { errors: [{ code: 'e-413', title: 'Payload too large', details }] });
}

export class FileStore {
  private files = new Map<string, Held>();
  private held = 0;
  private counter = 0;

  /** Stores uploads (all checked first, so a refused request leaves nothing behind). */
  put(uploads: UploadedFile[]): StoredFileRef[] {
    let total = 0;
    for (const u of uploads) {
      if (u.data.length > MAX_FILE_BYTES) throw tooLarge(`File ${u.name} is larger than ${MAX_FILE_BYTES / MB} MB.`);
      total += u.data.length;
    }
    if (this.held + total > MAX_HELD_BYTES)
      throw tooLarge(`The sandbox holds ${MAX_HELD_BYTES / MB} MB of files at most; reset it.`);
    return uploads.map((u) => {
      // Unique per upload, so two identical files still get two links, as two uploads would.
      const hash = createHash('sha1').update(`${this.counter++}\0${u.name}\0`).update(u.data).digest('hex');
      this.files.set(hash, { name: u.name, mimeType: u.mimeType, data: u.data });
      this.held += u.data.length;
      return { hash, name: u.name, size: u.data.length };
    });
  }

  get(hash: string): Held | undefined {
    return this.files.get(hash);
  }

  drop(refs: StoredFileRef[]): void {
    for (const ref of refs) {
      const held = this.files.get(ref.hash);
      if (!held) continue;
      this.held -= held.data.length;
      this.files.delete(ref.hash);
    }
  }

  clear(): void {
    this.files.clear();
    this.held = 0;
  }
}

/** The `url` a post lists for a file (the language segment is the account's; `ru` here). */
export function fileUrl(origin: string, ref: StoredFileRef): string {
  return `${origin}/ru/file/download/${ref.hash}`;
}

/** `data_type` is the file's extension in PHPSDK's example (`"gif"`, `"png"`) [C1]. */
export function dataType(name: string): string {
  return /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** `Content-Disposition` with an ASCII fallback and the RFC 5987 UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
