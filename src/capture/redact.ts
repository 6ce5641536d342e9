/**
 * Redacts one capture record so it can be committed: credentials go first — credential headers,
 * Basic/Bearer values, cookies, credential query parameters and path tokens become `***`, which
 * replay puts back or refuses, never sends — then e-mails, phones, personal names and message
 * text become stable placeholders in the body (JSON or form, detected by content type and
 * shape) and in the query. The result stays a valid record: the body is still the same kind of
 * document, and a recorded Content-Length matches the new bytes.
 */
import { redactValue, ruleForKey } from './pii-rules.js';
import type { Placeholders } from './placeholders.js';
import { contentTypeOf, type CaptureRecord } from './record.js';
import { rewriteForm } from './redact-form.js';
import { rewriteJson } from './redact-json.js';
import { maskRecord } from './secret-mask.js';

export interface RedactOutcome {
  record: CaptureRecord;
  /** Why part of the record was left as it was (binary body…), for a warning. */
  note?: string;
}

function redactJsonBody(text: string, ph: Placeholders): string | undefined {
  return rewriteJson(text, (value, key) => {
    if (typeof value === 'string') return redactValue(value, key, ph);
    // A phone stored as a number stays a number, so the field keeps its type.
    if (ruleForKey(key) === 'phone' && String(value).length >= 5)
      return Number(ph.get('phone', String(value)).replace(/\D/g, ''));
    return undefined;
  });
}

function redactFormBody(text: string, ph: Placeholders): string {
  return rewriteForm(text, (value, key) => redactValue(value, key, ph));
}

function looksLikeForm(text: string): boolean {
  return /^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/.test(text.trim());
}

export function redactBody(text: string, contentType: string, ph: Placeholders): string {
  const type = contentType.toLowerCase();
  if (type.includes('x-www-form-urlencoded')) return redactFormBody(text, ph);
  const trimmed = text.trimStart();
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = redactJsonBody(text, ph);
    if (json !== undefined) return json;
  }
  if (!type && looksLikeForm(text)) return redactFormBody(text, ph);
  // Anything else (plain text, XML, broken JSON): e-mails and phones by shape.
  return redactValue(text, undefined, ph);
}

export function redactRecord(record: CaptureRecord, ph: Placeholders): RedactOutcome {
  const out: CaptureRecord = { ...maskRecord(record), redacted: true };
  let note: string | undefined;
  if (out.query) out.query = redactFormBody(out.query, ph);
  if (record.body !== undefined && record.body !== '') {
    out.body = redactBody(record.body, contentTypeOf(record), ph);
    if (out.headers['content-length'] !== undefined)
      out.headers['content-length'] = String(Buffer.byteLength(out.body, 'utf8'));
  } else if (record.bodyBase64 !== undefined) {
    note = 'binary body left as it was (it cannot be searched for personal data)';
  }
  return note ? { record: out, note } : { record: out };
}
