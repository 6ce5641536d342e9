/**
 * Builds the capture record of one request the way the listener shows and stores it: secrets in
 * the path, the query and the headers masked as `***` (unless --keep-secrets), repeated headers
 * kept value by value, the body as utf-8 text or base64. Assignments run in the order the file
 * shows the keys, and there are no spreads: this runs for every request.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { captureHeaders, repeatedHeaders } from '../capture/headers.js';
import { CAPTURE_VERSION, type CaptureRecord } from '../capture/record.js';
import { maskPath, maskQuery } from '../capture/secret-mask.js';

export interface RecordPolicy {
  keepSecrets?: boolean;
  /** The listener's shared-secret header (lower case) and query parameter. */
  secretHeader?: string;
  secretQuery?: string;
}

export class RecordBuilder {
  private readonly headerPolicy;

  constructor(private readonly policy: RecordPolicy) {
    this.headerPolicy = { keepSecrets: policy.keepSecrets, secretHeader: policy.secretHeader };
  }

  /** The fields every record starts with; `rawHeaders` (Node's flat list) catches repeats. */
  start(
    method: string,
    path: string,
    query: string,
    headers: NodeJS.Dict<string | string[]>,
    rawHeaders?: string[],
  ): CaptureRecord {
    const keep = this.policy.keepSecrets;
    const shown = captureHeaders(headers, this.headerPolicy);
    const record = {
      v: CAPTURE_VERSION,
      id: randomUUID(),
      receivedAt: new Date().toISOString(),
      method,
      path: keep ? path : maskPath(path),
      query: keep ? query : maskQuery(query, path, this.policy.secretQuery),
      headers: shown,
    } as CaptureRecord;
    if (rawHeaders && rawHeaders.length > 0) {
      const repeats = repeatedHeaders(rawHeaders, countKeys(headers), this.headerPolicy);
      if (repeats) record.repeatedHeaders = repeats;
    }
    return record;
  }

  /** Sets `body` (utf-8) or `bodyBase64`; returns the text when there is one, for detection. */
  setBody(record: CaptureRecord, bytes: Buffer): string | undefined {
    if (isUtf8(bytes)) return (record.body = bytes.toString('utf8'));
    record.bodyBase64 = bytes.toString('base64');
    return undefined;
  }
}

/** Own keys of a header object, counted without building the array `Object.keys` would. */
function countKeys(headers: NodeJS.Dict<string | string[]>): number {
  let n = 0;
  for (const _ in headers) n += 1;
  return n;
}
