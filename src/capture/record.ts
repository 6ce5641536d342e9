/**
 * The capture record (DESIGN §6): one self-contained JSON object per request, one per line.
 * Keys may be added, never renamed. The body is kept exactly as received — utf-8 text in
 * `body`, or `bodyBase64` when the bytes are not valid utf-8 — so replay can send the same
 * bytes and any signature over them still verifies.
 */
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';

export const CAPTURE_VERSION = 1 as const;

/** What a masked header value, query parameter or path token becomes; replay never sends it. */
export const REDACTED = '***';

export const forwardResultSchema = z.object({
  status: z.number().int(),
  ms: z.number(),
  error: z.string().optional(),
  /** The head of the bot's answer (utf-8 text, at most FORWARD_BODY_KEPT bytes), for the inspector. */
  body: z.string().optional(),
});

/** How much of the bot's answer a record keeps: enough to read an error, not a download. */
export const FORWARD_BODY_KEPT = 4096;

export const captureRecordSchema = z.looseObject({
  v: z.literal(CAPTURE_VERSION),
  id: z.string().min(1),
  receivedAt: z.string().min(1),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  headers: z.record(z.string(), z.string()),
  /** Every value, in order, of each header name that came more than once (`headers` joins them). */
  repeatedHeaders: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
  bodyBase64: z.string().optional(),
  event: z.string().nullable(),
  /**
   * Every event the body matched equally well, when more than one did (HelpDeskEddy's new_ticket
   * and new_reply share one body); `event` is the first of them. Filters match any of them.
   */
  candidates: z.array(z.string()).optional(),
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

/** The events a record may be: its event and, when the body could not settle it, the other candidates. */
export function eventsOf(record: Pick<CaptureRecord, 'event' | 'candidates'>): string[] {
  const all = [...(record.event ? [record.event] : []), ...(record.candidates ?? [])];
  return [...new Set(all)];
}

/** `--event` filters: no names lets everything through; a record matches by any of its candidates. */
export function matchesEvents(record: Pick<CaptureRecord, 'event' | 'candidates'>, names?: string[]): boolean {
  if (!names?.length) return true;
  if (record.event === null) return names.includes('unknown');
  return eventsOf(record).some((e) => names.includes(e));
}

export function contentTypeOf(record: Pick<CaptureRecord, 'headers'>): string {
  return record.headers['content-type'] ?? '';
}

const isString = (v: unknown): v is string => typeof v === 'string';

function isStringLists(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const lists = value as Record<string, unknown>;
  for (const key in lists) {
    const list = lists[key];
    if (!Array.isArray(list) || !list.every(isString)) return false;
  }
  return true;
}
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);

/**
 * The same verdict as `captureRecordSchema` for well-formed records, without building a copy:
 * a million-record replay allocates one object per line instead of two. Anything this check
 * does not accept goes through the zod schema, which has the last word and the error message.
 */
export function looksLikeCaptureRecord(value: unknown): value is CaptureRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  if (r.v !== CAPTURE_VERSION || !isString(r.id) || r.id === '' || !isString(r.receivedAt) || r.receivedAt === '')
    return false;
  if (!isString(r.method) || !isString(r.path) || !isString(r.query) || typeof r.valid !== 'boolean') return false;
  if (!(r.event === null || isString(r.event)) || !optional(r.body, isString) || !optional(r.bodyBase64, isString))
    return false;
  const headers = r.headers as Record<string, unknown> | null;
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return false;
  for (const key in headers) if (!isString(headers[key])) return false;
  if (r.repeatedHeaders !== undefined && !isStringLists(r.repeatedHeaders)) return false;
  const response = r.response as Record<string, unknown> | null;
  if (
    response === null ||
    typeof response !== 'object' ||
    !Number.isInteger(response.status) ||
    typeof response.ms !== 'number'
  )
    return false;
  const isBool = (v: unknown) => typeof v === 'boolean';
  if (
    !optional(r.bytes, Number.isInteger) ||
    !optional(r.auth, (v) => v === 'ok' || v === 'fail') ||
    !optional(r.error, isString)
  )
    return false;
  if (!optional(r.truncated, isBool) || !optional(r.aborted, isBool) || !optional(r.redacted, isBool)) return false;
  if (r.forward === undefined) return true;
  const f = r.forward as Record<string, unknown> | null;
  return (
    f !== null &&
    typeof f === 'object' &&
    Number.isInteger(f.status) &&
    typeof f.ms === 'number' &&
    optional(f.error, isString)
  );
}
