/**
 * Names the event a request carries by matching its decoded body against every event's fields,
 * then judges it with that event's schema. The event is named even when the payload is
 * invalid (a missing field, a string where a number belongs), so listen can say "looks like
 * omnidesk.incoming, but case_id is a string" instead of "unknown".
 *
 * Two events with the same body shape (HelpDeskEddy's new_ticket and new_reply share the prescribed
 * one body) tie; the first in catalog order wins and `candidates` lists all of them.
 *
 * The listener detects on every request, so everything that depends only on the catalog (split
 * paths, required counts, known keys, summary paths, validators) is worked out once per catalog
 * in a plan, and zod — whose only extra over the plan's validators is the issue messages — runs
 * only for the event that is named, and only when it is invalid.
 */
import { textOf } from '../core/text.js';
import { stripHtml } from '../helpdesks/helpdeskeddy/template.js';
import { decodeBody, salvageJsonKeys } from './decode.js';
import { eventSchema, eventValidator, formatIssues } from './fields.js';
import { shippedCatalog } from './load.js';
import type { Catalog, Encoding, EventDef, FieldDef, SummaryRole } from './types.js';

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

/** Paths tried when no event matched, so listen still shows the key facts of a stranger. */
const FALLBACK: Record<SummaryRole, string[]> = {
  caseId: ['case_id', 'object.case_id'],
  ticketId: ['ticket_id'],
  userId: ['user_id', 'customer_id', 'object.user_id', 'object.custom_user_id'],
  text: ['message', 'text', 'content', 'object.content', 'last_message', 'case_description'],
};
const ROLES = Object.keys(FALLBACK) as SummaryRole[];

interface FieldPlan {
  parts: string[];
  required: boolean;
  /** `String(field.const)`, when the field has a fixed value. */
  constText?: string;
}

/** Per role, the paths to try in order (the event's own summary fields, then the fallbacks). */
type SummaryPlan = Record<SummaryRole, string[][]>;

interface EventPlan {
  event: EventDef;
  fields: FieldPlan[];
  required: number;
  /** Top-level keys the event knows of; any other key of a body counts as extra. */
  known: Set<string>;
  /** Every field is top level (a broken JSON body can only be matched on its keys). */
  flat: boolean;
  summary: SummaryPlan;
}

interface CatalogPlan {
  events: EventDef[];
  fieldLists: FieldDef[][];
  plans: EventPlan[];
}

const split = (path: string) => path.split('.');

function summaryPlan(event: EventDef | undefined): SummaryPlan {
  const paths = (role: SummaryRole) =>
    [...(event?.fields.filter((f) => f.summary === role).map((f) => f.name) ?? []), ...FALLBACK[role]].map(split);
  return Object.fromEntries(ROLES.map((role) => [role, paths(role)])) as SummaryPlan;
}

const FALLBACK_SUMMARY = summaryPlan(undefined);

function eventPlan(event: EventDef): EventPlan {
  return {
    event,
    fields: event.fields.map((f) => ({
      parts: split(f.name),
      required: f.required,
      ...(f.const !== undefined ? { constText: String(f.const) } : {}),
    })),
    required: event.fields.filter((f) => f.required).length,
    known: new Set(event.fields.map((f) => f.name.split('.')[0]!)),
    flat: event.fields.every((f) => !f.name.includes('.')),
    summary: summaryPlan(event),
  };
}

const plans = new WeakMap<Catalog, CatalogPlan>();

/** The catalog's plan, rebuilt only if its events (or their field lists) were replaced since. */
function planFor(catalog: Catalog): CatalogPlan {
  const cached = plans.get(catalog);
  if (cached && current(cached, catalog.events)) return cached;
  const plan: CatalogPlan = {
    events: [...catalog.events],
    fieldLists: catalog.events.map((e) => e.fields),
    plans: catalog.events.map(eventPlan),
  };
  plans.set(catalog, plan);
  return plan;
}

function current(plan: CatalogPlan, events: EventDef[]): boolean {
  if (plan.events.length !== events.length) return false;
  for (let i = 0; i < events.length; i += 1)
    if (plan.events[i] !== events[i] || plan.fieldLists[i] !== events[i]!.fields) return false;
  return true;
}

/** `getPath` over a path split in advance. */
function at(value: unknown, parts: string[]): unknown {
  let node = value;
  for (let i = 0; i < parts.length; i += 1) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[parts[i]!];
  }
  return node;
}

interface Score {
  plan: EventPlan;
  present: number;
  required: number;
  extra: number;
  valid: boolean;
}

/** A value as a fixed value compares: a map (`type[x]=1`) is never one (and String() of a form map throws). */
function constText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? undefined : String(v);
}

/** `keys` are the body's own keys, listed once for every plan scored against it. */
function scoreEvent(plan: EventPlan, value: object, keys: string[], encoding: Encoding): Score | undefined {
  let present = 0;
  const fields = plan.fields;
  for (let i = 0; i < fields.length; i += 1) {
    const field = fields[i]!;
    const v = at(value, field.parts);
    if (v === undefined) continue;
    // A fixed value that differs (`type=other`) rules the event out.
    if (field.constText !== undefined && constText(v) !== field.constText) return undefined;
    if (field.required) present += 1;
  }
  const required = plan.required;
  if (required === 0 || present * 2 < required || present === 0) return undefined;
  let extra = 0;
  for (let i = 0; i < keys.length; i += 1) if (!plan.known.has(keys[i]!)) extra += 1;
  const valid = plan.event.accepts.includes(encoding) && eventValidator(plan.event, encoding)(value);
  return { plan, present, required, extra, valid };
}

/** What is wrong with a payload of this event: the encoding, then the schema's issues. */
function issuesOf(event: EventDef, value: unknown, encoding: Encoding): string[] {
  const issues: string[] = [];
  if (!event.accepts.includes(encoding))
    issues.push(`body: sent as ${encoding}; ${event.name} is ${event.accepts.join(' or ')}`);
  const checked = eventSchema(event, encoding).safeParse(value);
  if (!checked.success) issues.push(...formatIssues(checked.error));
  return issues;
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
  const s = textOf(v);
  return s === '' ? undefined : s;
}

/** The first of `paths` that holds a scalar, as text. */
function firstText(value: unknown, paths: string[][]): string | undefined {
  for (let i = 0; i < paths.length; i += 1) {
    const v = asText(at(value, paths[i]!));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Listen shows a clipped line of the text: its head is plenty, however long the message. */
const SUMMARY_TEXT_SCAN = 2_000;

/** Role by role with plain property writes: listen summarises every request it gets. */
function summarize(value: unknown, plan: SummaryPlan): DetectSummary {
  const summary: DetectSummary = {};
  const caseId = firstText(value, plan.caseId);
  if (caseId !== undefined) summary.caseId = caseId;
  const ticketId = firstText(value, plan.ticketId);
  if (ticketId !== undefined) summary.ticketId = ticketId;
  const userId = firstText(value, plan.userId);
  if (userId !== undefined) summary.userId = userId;
  const text = firstText(value, plan.text);
  if (text !== undefined) {
    const head = text.length > SUMMARY_TEXT_SCAN ? text.slice(0, SUMMARY_TEXT_SCAN) : text;
    summary.text = stripHtml(head).replace(/\s+/g, ' ').trim();
  }
  return summary;
}

/** The best score (the first of equals, in catalog order) and, on a tie, every tied event. */
function pickBest(scores: Score[]): { best: Score; candidates?: string[] } | undefined {
  if (scores.length === 0) return undefined;
  let best = scores[0]!;
  for (let i = 1; i < scores.length; i += 1) if (better(scores[i]!, best) < 0) best = scores[i]!;
  if (scores.length === 1) return { best };
  const tied = scores.filter((s) => better(s, best) === 0).map((s) => s.plan.event.name);
  return tied.length > 1 ? { best, candidates: tied } : { best };
}

/** A JSON body that does not parse: name the event by its keys, and flag it invalid. */
function detectBroken(text: string, error: string, catalog: Catalog): DetectResult {
  const keys = salvageJsonKeys(text);
  const value = Object.fromEntries(keys.map((k) => [k, '']));
  const scores: Score[] = [];
  for (const plan of planFor(catalog).plans) {
    if (!plan.flat || !plan.event.accepts.includes('json')) continue;
    const score = scoreEvent(plan, value, keys, 'json');
    if (score !== undefined && score.present === score.required) scores.push(score);
  }
  const picked = pickBest(scores);
  return {
    event: picked?.best.plan.event.name ?? null,
    valid: false,
    issues: [`body: ${error}`],
    encoding: 'json',
    ...(picked?.candidates ? { candidates: picked.candidates } : {}),
    summary: {},
  };
}

export function detectEvent(
  contentType: string | undefined,
  body: Buffer | string,
  catalog: Catalog = shippedCatalog(),
): DetectResult {
  const decoded = decodeBody(contentType, body);
  if (!decoded.ok) {
    if (decoded.encoding === 'json')
      return detectBroken(typeof body === 'string' ? body : body.toString('utf8'), decoded.error, catalog);
    return { event: null, valid: false, issues: [`body: ${decoded.error}`], summary: {} };
  }
  const { value, encoding } = decoded;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { event: null, valid: false, issues: ['body: not an object'], encoding, summary: {} };
  }
  const scores: Score[] = [];
  const keys = Object.keys(value);
  const plans = planFor(catalog).plans;
  for (let i = 0; i < plans.length; i += 1) {
    const score = scoreEvent(plans[i]!, value, keys, encoding);
    if (score !== undefined) scores.push(score);
  }
  const picked = pickBest(scores);
  if (!picked)
    return {
      event: null,
      valid: false,
      issues: ['body: matches no known event'],
      encoding,
      summary: summarize(value, FALLBACK_SUMMARY),
    };
  const { best, candidates } = picked;
  const issues = best.valid ? [] : issuesOf(best.plan.event, value, encoding);
  return {
    event: best.plan.event.name,
    valid: issues.length === 0,
    ...(issues.length ? { issues } : {}),
    encoding,
    ...(candidates ? { candidates } : {}),
    summary: summarize(value, best.plan.summary),
  };
}
