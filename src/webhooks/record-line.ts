/**
 * One human line per captured request, shared by `listen` and `tail`:
 *   14:03:22.511 POST /omnidesk 200 omnidesk.incoming case=88120045 user=7700123 "Здравствуйте…" → 200 12ms
 * Flags that matter when debugging (invalid payload, auth failure, too large, aborted) come
 * right after the status, so they are visible without reading to the end of the line.
 */
import type { ChalkInstance } from 'chalk';
import type { CaptureRecord } from '../capture/record.js';
import type { EventSummary } from './detection.js';

const TEXT_WIDTH = 60;

export function clip(text: string, width = TEXT_WIDTH): string {
  // Only the head can be shown: normalise a bounded prefix, not a whole (possibly long) message.
  const head = text.length > width * 4 ? text.slice(0, width * 4) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  if (flat.length <= width && head === text) return flat;
  // Count code points (a surrogate pair is one, as Array.from counts them) without splitting the
  // string into an array: `cut` is where the first width-1 of them end.
  let count = 0;
  let cut = flat.length;
  for (let i = 0; i < flat.length; count += 1) {
    if (count === width - 1) cut = i;
    const unit = flat.charCodeAt(i);
    i +=
      unit >= 0xd800 && unit <= 0xdbff && i + 1 < flat.length && (flat.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return count <= width && head === text ? flat : `${flat.slice(0, cut)}…`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Local `HH:MM:SS` of the second a record's ISO time falls in, for the last second seen. */
let lastSecond = '';
let lastClock = '';

function clock(iso: string): string {
  // The listener's own times (`2024-05-01T10:00:00.123Z`): the local time of the second is
  // cached, and the milliseconds are the same digits in any time zone.
  if (iso.length === 24 && iso.charCodeAt(19) === 0x2e && iso.charCodeAt(23) === 0x5a && isDigits(iso, 20, 23)) {
    const second = iso.slice(0, 19);
    if (second !== lastSecond) {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      lastClock = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
      lastSecond = second;
    }
    return `${lastClock}.${iso.slice(20, 23)}`;
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function statusColor(c: ChalkInstance, status: number): (s: string) => string {
  if (status >= 200 && status < 300) return c.green;
  if (status >= 400 || status === 0) return c.red;
  return c.yellow;
}

function keyFields(summary: EventSummary): string[] {
  const parts: string[] = [];
  if (summary.caseId !== undefined && summary.caseId !== '') parts.push(`case=${summary.caseId}`);
  if (summary.ticketId !== undefined && summary.ticketId !== '') parts.push(`ticket=${summary.ticketId}`);
  if (summary.userId !== undefined && summary.userId !== '') parts.push(`user=${summary.userId}`);
  if (summary.text) parts.push(JSON.stringify(clip(summary.text)));
  return parts;
}

function flags(record: CaptureRecord): string[] {
  const out: string[] = [];
  if (record.truncated) out.push(`body over limit (${record.bytes ?? '?'} bytes)`);
  if (record.aborted) out.push('aborted');
  if (record.error && !record.truncated) out.push(record.error);
  if (record.auth === 'fail') out.push('auth failed');
  return out;
}

export function formatRecordLine(record: CaptureRecord, summary: EventSummary, c: ChalkInstance): string {
  const status = record.response.status;
  const parts = [
    c.dim(clock(record.receivedAt)),
    record.method || '-',
    (record.path || '-') + (record.query ? `?${record.query}` : ''),
  ];
  parts.push(statusColor(c, status)(String(status)));
  for (const flag of flags(record)) parts.push(c.red(flag));
  // A body that fits several events names them all: which one it was is the sender's to know.
  const event = record.candidates?.length ? record.candidates.join(' or ') : (record.event ?? 'unknown');
  parts.push(record.valid ? c.cyan(event) : c.yellow(`${event} (invalid)`));
  parts.push(...keyFields(summary));
  if (record.forward) {
    const f = record.forward;
    parts.push(
      f.error
        ? c.red(`→ forward failed: ${clip(f.error, 80)}`)
        : `→ ${statusColor(c, f.status)(String(f.status))} ${Math.round(f.ms)}ms`,
    );
  }
  return parts.join(' ');
}
