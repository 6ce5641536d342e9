// The detector as it was before the per-catalog plan (commit 38c420e), kept verbatim as the
// oracle for test/unit/events/detect-equivalence.test.ts. Not used by the product.
/**
 * Names the event a request carries by matching its decoded body against every event's fields,
 * then judges it with that event's zod schema. The event is named even when the payload is
 * invalid (a missing field, a string where a number belongs), so listen can say "looks like
 * omnidesk.incoming, but case_id is a string" instead of "unknown".
 *
 * Two events with the same body shape (HelpDeskEddy's new_ticket and new_reply share the seed's
 * one body) tie; the first in catalog order wins and `candidates` lists all of them.
 */
import { stripHtml } from '../../../../src/helpdesks/helpdeskeddy/template.js';
import { decodeBody, salvageJsonKeys } from '../../../../src/events/decode.js';
import { eventSchema, formatIssues, getPath } from '../../../../src/events/fields.js';
import { shippedCatalog } from '../../../../src/events/load.js';
import type { Catalog, Encoding, EventDef, SummaryRole } from '../../../../src/events/types.js';

export interface DetectSummary {
  caseId?: string;
  ticketId?: string;
  userId?: string;
  text?: string;
}

export interface DetectResult {
  event: string | null;
  valid: boolean;
  issues?: string[];
  /** How the body was encoded, when it decoded at all. */
  encoding?: Encoding;
  /** Every event that matched equally well, when more than one did. */
  candidates?: string[];
  summary: DetectSummary;
}

interface Score {
  event: EventDef;
  present: number;
  required: number;
  extra: number;
  valid: boolean;
  issues: string[];
}

function scoreEvent(event: EventDef, value: unknown, encoding: Encoding): Score | undefined {
  const required = event.fields.filter((f) => f.required);
  let present = 0;
  for (const field of event.fields) {
    const v = getPath(value, field.name);
    // A fixed value that differs (`type=other`) rules the event out.
    if (field.const !== undefined && v !== undefined && String(v) !== String(field.const)) return undefined;
    if (v !== undefined && field.required) present += 1;
  }
  if (required.length === 0 || present * 2 < required.length || present === 0) return undefined;
  const known = new Set(event.fields.map((f) => f.name.split('.')[0]));
  const extra = Object.keys(value as object).filter((k) => !known.has(k)).length;
  const issues: string[] = [];
  if (!event.accepts.includes(encoding)) issues.push(`body: sent as ${encoding}; ${event.name} is ${event.accepts.join(' or ')}`);
  const checked = eventSchema(event, encoding).safeParse(value);
  if (!checked.success) issues.push(...formatIssues(checked.error));
  return { event, present, required: required.length, extra, valid: issues.length === 0, issues };
}

function better(a: Score, b: Score): number {
  if (a.valid !== b.valid) return a.valid ? -1 : 1;
  const ratio = b.present / b.required - a.present / a.required;
  if (ratio !== 0) return ratio;
  if (a.present !== b.present) return b.present - a.present;
  return a.extra - b.extra;
}

function asText(v: unknown): string | undefined {
  if (v === undefined || v === null || typeof v === 'object') return undefined;
  const s = String(v);
  return s === '' ? undefined : s;
}

/** Paths tried when no event matched, so listen still shows the key facts of a stranger. */
const FALLBACK: Record<SummaryRole, string[]> = {
  caseId: ['case_id', 'object.case_id'],
  ticketId: ['ticket_id'],
  userId: ['user_id', 'customer_id', 'object.user_id', 'object.custom_user_id'],
  text: ['message', 'text', 'content', 'object.content', 'last_message', 'case_description'],
};

function summarize(value: unknown, event: EventDef | undefined): DetectSummary {
  const summary: DetectSummary = {};
  const roles = Object.keys(FALLBACK) as SummaryRole[];
  for (const role of roles) {
    const paths = [...(event?.fields.filter((f) => f.summary === role).map((f) => f.name) ?? []), ...FALLBACK[role]];
    for (const path of paths) {
      const v = asText(getPath(value, path));
      if (v === undefined) continue;
      summary[role] = role === 'text' ? stripHtml(v).replace(/\s+/g, ' ').trim() : v;
      break;
    }
  }
  return summary;
}

function pickBest(scores: Score[]): { best: Score; candidates?: string[] } | undefined {
  if (scores.length === 0) return undefined;
  const sorted = scores.map((s, i) => ({ s, i })).sort((a, b) => better(a.s, b.s) || a.i - b.i);
  const best = sorted[0]!.s;
  const tied = sorted.filter(({ s }) => better(s, best) === 0).map(({ s }) => s.event.name);
  return tied.length > 1 ? { best, candidates: tied } : { best };
}

/** A JSON body that does not parse: name the event by its keys, and flag it invalid. */
function detectBroken(text: string, error: string, catalog: Catalog): DetectResult {
  const keys = salvageJsonKeys(text);
  const value = Object.fromEntries(keys.map((k) => [k, '']));
  const scores = catalog.events
    .filter((e) => e.accepts.includes('json') && e.fields.every((f) => !f.name.includes('.')))
    .map((e) => scoreEvent(e, value, 'json'))
    .filter((s): s is Score => s !== undefined && s.present === s.required);
  const picked = pickBest(scores);
  return {
    event: picked?.best.event.name ?? null,
    valid: false,
    issues: [`body: ${error}`],
    encoding: 'json',
    ...(picked?.candidates ? { candidates: picked.candidates } : {}),
    summary: {},
  };
}

export function detectEvent(contentType: string | undefined, body: Buffer | string, catalog: Catalog = shippedCatalog()): DetectResult {
  const decoded = decodeBody(contentType, body);
  if (!decoded.ok) {
    if (decoded.encoding === 'json') return detectBroken(typeof body === 'string' ? body : body.toString('utf8'), decoded.error, catalog);
    return { event: null, valid: false, issues: [`body: ${decoded.error}`], summary: {} };
  }
  const { value, encoding } = decoded;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { event: null, valid: false, issues: ['body: not an object'], encoding, summary: {} };
  }
  const scores = catalog.events.map((e) => scoreEvent(e, value, encoding)).filter((s): s is Score => s !== undefined);
  const picked = pickBest(scores);
  if (!picked) return { event: null, valid: false, issues: ['body: matches no known event'], encoding, summary: summarize(value, undefined) };
  const { best, candidates } = picked;
  return {
    event: best.event.name,
    valid: best.valid,
    ...(best.issues.length ? { issues: best.issues } : {}),
    encoding,
    ...(candidates ? { candidates } : {}),
    summary: summarize(value, best.event),
  };
}
