/**
 * A `multipart/form-data` parser for request bodies the sandbox already holds in memory (the
 * server reads every body whole, with a size cap, before routing). Working on one Buffer keeps it
 * synchronous and small, which is why it is ours and not a streaming library's: there is nothing
 * to stream. Anything malformed is a `MultipartError` naming what is wrong, never a crash.
 */

export interface MultipartPart {
  /** The form field name, e.g. `case[attachments][0]`. */
  name: string;
  /** Present for a file part (may be ""). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data` content type, or undefined when it has none. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** `name="x"; filename="a b.pdf"` and RFC 5987 `filename*=UTF-8''a%20b.pdf`. */
function dispositionParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  const re = /;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const key = m[1]!.toLowerCase();
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
    if (key.endsWith('*')) {
      const ext = /^([\w-]+)'[^']*'(.*)$/.exec(raw);
      try {
        params[key.slice(0, -1)] = ext ? decodeURIComponent(ext[2]!) : raw;
      } catch {
        params[key.slice(0, -1)] = raw;
      }
    } else if (!(key in params)) {
      params[key] = raw;
    }
  }
  return params;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export interface MultipartLimits {
  /** At most this many parts (fields and files together). */
  maxParts: number;
}

export function parseMultipart(
  body: Buffer,
  boundary: string,
  limits: MultipartLimits = { maxParts: 1000 },
): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos === -1) throw new MultipartError('the body has no part with the boundary its content type names');
  for (;;) {
    pos += delimiter.length;
    // `--` right after a delimiter closes the body; anything after it is epilogue.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    // The rest of the delimiter line (transport padding, then CRLF).
    const lineEnd = body.indexOf('\n', pos);
    if (lineEnd === -1) throw new MultipartError('the body ends inside a boundary line');
    const headerEnd = findHeaderEnd(body, lineEnd + 1);
    if (headerEnd === undefined) throw new MultipartError('a part has no blank line after its headers');
    const headers = parseHeaders(body.subarray(lineEnd + 1, headerEnd.at).toString('utf8'));
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd.bodyStart);
    const nextLf = next === -1 ? body.indexOf(Buffer.concat([Buffer.from('\n'), delimiter]), headerEnd.bodyStart) : -1;
    if (next === -1 && nextLf === -1) throw new MultipartError('the body ends before its closing boundary');
    const dataEnd = next !== -1 ? next : nextLf;
    const disposition = headers['content-disposition'];
    if (!disposition || !/^\s*form-data\b/i.test(disposition))
      throw new MultipartError('a part lacks "Content-Disposition: form-data"');
    const params = dispositionParams(disposition);
    if (params.name === undefined) throw new MultipartError('a part has no field name');
    parts.push({
      name: params.name,
      ...(params.filename !== undefined ? { filename: params.filename } : {}),
      ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
      data: body.subarray(headerEnd.bodyStart, dataEnd),
    });
    if (parts.length > limits.maxParts) throw new MultipartError(`more than ${limits.maxParts} parts`);
    pos = dataEnd + (next !== -1 ? 2 : 1);
  }
}

/** The end of a part's header block: CRLF CRLF (or bare LF LF from sloppy senders). */
function findHeaderEnd(body: Buffer, from: number): { at: number; bodyStart: number } | undefined {
  // A part with no headers at all starts with its blank line (and is refused by the caller).
  if (body[from] === 0x0d && body[from + 1] === 0x0a) return { at: from, bodyStart: from + 2 };
  const crlf = body.indexOf('\r\n\r\n', from);
  const lf = body.indexOf('\n\n', from);
  if (crlf !== -1 && (lf === -1 || crlf <= lf)) return { at: crlf, bodyStart: crlf + 4 };
  if (lf !== -1) return { at: lf, bodyStart: lf + 2 };
  return undefined;
}
