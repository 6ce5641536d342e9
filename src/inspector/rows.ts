/**
 * The inspector's list row: the few facts of a capture record the list shows and filters on.
 * Rows are what the browser holds (a page at a time); the full record is fetched on demand.
 */
import type { CaptureRecord } from '../capture/record.js';
import { eventsOf } from '../capture/record.js';
import { maskPath, maskQuery } from '../capture/secret-mask.js';

export interface Row {
  /** 1-based position in the store (the capture's record number). */
  n: number;
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  event: string | null;
  candidates?: string[];
  valid: boolean;
  status: number;
  ms: number;
  forward?: { status: number; ms: number; error?: string };
}

export interface RowFilter {
  /** Event names; a record matches by any of its candidates; `unknown` matches no event. */
  events?: string[];
  verdict?: 'valid' | 'invalid';
  /** `2xx`, `4xx`, `5xx` or an exact status. */
  status?: string;
  /** Free text, matched case-insensitively against the whole record line. */
  q?: string;
}

export function toRow(n: number, r: CaptureRecord): Row {
  return {
    n,
    id: r.id,
    receivedAt: r.receivedAt,
    method: r.method,
    // The list is shown to whoever has the page open: tokens in paths and queries stay masked.
    path: maskPath(r.path) + (r.query ? `?${maskQuery(r.query, r.path)}` : ''),
    event: r.event,
    ...(r.candidates?.length ? { candidates: r.candidates } : {}),
    valid: r.valid,
    status: r.response.status,
    ms: r.response.ms,
    ...(r.forward ? { forward: { status: r.forward.status, ms: r.forward.ms, error: r.forward.error } } : {}),
  };
}

/** The columns a filter reads, kept per record so filtering a million records reads no file. */
export interface Facts {
  events: string[];
  valid: boolean;
  status: number;
}

export function factsOf(r: Pick<CaptureRecord, 'event' | 'candidates' | 'valid' | 'response'>): Facts {
  return { events: r.event === null ? ['unknown'] : eventsOf(r), valid: r.valid, status: r.response.status };
}

export function statusMatches(status: number, wanted: string): boolean {
  const klass = /^([1-5])xx$/i.exec(wanted);
  if (klass) return Math.floor(status / 100) === Number(klass[1]);
  return String(status) === wanted;
}

/** Whether the column facts pass the filter (the free text is checked apart, on the line). */
export function factsMatch(f: Facts, filter: RowFilter): boolean {
  if (filter.events?.length && !f.events.some((e) => filter.events!.includes(e))) return false;
  if (filter.verdict && (filter.verdict === 'valid') !== f.valid) return false;
  if (filter.status && !statusMatches(f.status, filter.status)) return false;
  return true;
}
