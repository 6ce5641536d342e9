/**
 * The capture record (DESIGN §6): one self-contained JSON object per request, one per line.
 * Keys may be added, never renamed. The body is kept exactly as received — utf-8 text in
 * `body`, or `bodyBase64` when the bytes are not valid utf-8 — so replay can send the same
 * bytes and any signature over them still verifies.
 */
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';

export const CAPTURE_VERSION = 1 as const;

/** What a redacted header value or query parameter becomes; replay drops anything carrying it. */
export const REDACTED = '***';

export const forwardResultSchema = z.object({
  status: z.number().int(),
  ms: z.number(),
  error: z.string().optional(),
});

export const captureRecordSchema = z.looseObject({
  v: z.literal(CAPTURE_VERSION),
  id: z.string().min(1),
  receivedAt: z.string().min(1),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().optional(),
  bodyBase64: z.string().optional(),
  event: z.string().nullable(),
  valid: z.boolean(),
  response: z.object({ status: z.number().int(), ms: z.number() }),
  forward: forwardResultSchema.optional(),
  /** Bytes received (the whole body, or as far as it got). */
  bytes: z.number().int().optional(),
  /** Present when the shared-secret check ran. */
  auth: z.enum(['ok', 'fail']).optional(),
  /** The body was over --max-body; it is not kept. */
  truncated: z.boolean().optional(),
  /** The client hung up (or stalled past the timeout) before the body was complete. */
  aborted: z.boolean().optional(),
  /** Why the request could not be handled normally (oversized headers, timeout, bad request line). */
  error: z.string().optional(),
  /** Set by `capture redact`. */
  redacted: z.boolean().optional(),
});

export type CaptureRecord = z.infer<typeof captureRecordSchema>;
export type ForwardResult = z.infer<typeof forwardResultSchema>;

/** `{ body }` when the bytes are utf-8, else `{ bodyBase64 }`: the two body forms of §6. */
export function encodeBody(bytes: Buffer): { body: string } | { bodyBase64: string } {
  return isUtf8(bytes) ? { body: bytes.toString('utf8') } : { bodyBase64: bytes.toString('base64') };
}

/** The exact bytes a record's body stands for (empty when it kept none). */
export function decodeBody(record: Pick<CaptureRecord, 'body' | 'bodyBase64'>): Buffer {
  if (record.bodyBase64 !== undefined) return Buffer.from(record.bodyBase64, 'base64');
  return Buffer.from(record.body ?? '', 'utf8');
}

/** A record that cannot be re-sent faithfully: its body was dropped or never arrived whole. */
export function unreplayableReason(record: CaptureRecord): string | undefined {
  if (record.truncated) return 'its body was over the size limit and was not kept';
  if (record.aborted) return 'the client hung up before the body was complete';
  if (record.error) return `it was not a complete request (${record.error})`;
  return undefined;
}

export function contentTypeOf(record: Pick<CaptureRecord, 'headers'>): string {
  return record.headers['content-type'] ?? '';
}
