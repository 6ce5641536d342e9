/**
 * Renders a sample payload of an event: fresh ids and times on every call (a bot that dedups
 * on ids must see new ones), `--set` values where given, and the body serialised exactly as the
 * helpdesk would send it: HelpDeskEddy's dispatcher fills its text template tag by tag with
 * JSON-escaped values; Omnidesk posts compact JSON or a PHP-bracket form.
 */
import { UsageError } from '../core/errors.js';
import { renderTemplate } from '../helpdesks/helpdeskeddy/template.js';
import { decodeBody } from './decode.js';
import { getPath, setPath } from './fields.js';
import { encodeForm, phpUrlencode } from '../core/php-form.js';
import { GENERATORS, isIdOrTime, type GenContext } from './generate.js';
import { resolveSets, type FieldValue } from './set-paths.js';
import { CONTENT_TYPES, type Encoding, type EventDef, type FieldDef } from './types.js';

export interface RenderOptions {
  /** `--set` overrides: raw strings by path (typed and checked here), or already resolved. */
  set?: Record<string, string> | Array<[string, string]> | Map<string, FieldValue>;
  now?: Date;
  rng?: () => number;
  /** Another encoding the event accepts (omnidesk.message_new as JSON). */
  encoding?: Encoding;
}

export interface RenderedSample {
  contentType: string;
  body: string;
}

function fallback(field: FieldDef): FieldValue {
  if (field.default !== undefined) return field.default;
  if (field.type === 'integer' || field.type === 'number') return 0;
  if (field.type === 'boolean') return false;
  return '';
}

/** A generated value in the field's type: every HelpDeskEddy value is a string. */
function coerce(field: FieldDef, value: FieldValue): FieldValue {
  if (field.type === 'string') return String(value);
  if (
    (field.type === 'integer' || field.type === 'number') &&
    typeof value === 'string' &&
    /^-?\d+(\.\d+)?$/.test(value)
  )
    return Number(value);
  return value;
}

/** The value of every field for one sample, by field name, in field order. */
export function sampleValues(event: EventDef, options: RenderOptions = {}): Map<string, FieldValue> {
  const sets = options.set instanceof Map ? options.set : resolveSets(event, options.set);
  const g: GenContext = { rng: options.rng ?? Math.random, now: options.now ?? new Date() };
  const values = new Map<string, FieldValue>();
  for (const field of event.fields) {
    if (sets.has(field.name)) values.set(field.name, sets.get(field.name)!);
    else if (field.const !== undefined) values.set(field.name, field.const);
    else if (field.gen) values.set(field.name, coerce(field, GENERATORS[field.gen]!(g)));
    else if (!field.sameAs) values.set(field.name, fallback(field));
  }
  // Second pass: copies follow their source, including a source given with --set.
  for (const field of event.fields) {
    if (field.sameAs && !sets.has(field.name))
      values.set(field.name, coerce(field, values.get(field.sameAs) ?? fallback(field)));
  }
  return values;
}

function chooseEncoding(event: EventDef, wanted: Encoding | undefined): Encoding {
  if (!wanted || wanted === event.encoding) return event.encoding;
  if (event.template !== null || event.body !== undefined || !event.accepts.includes(wanted)) {
    throw new UsageError(`--encoding ${wanted}: ${event.name} is sent as ${event.encoding} only`, {
      details: { flag: '--encoding' },
    });
  }
  return wanted;
}

function serialise(value: Record<string, unknown>, encoding: Encoding): string {
  return encoding === 'form' ? encodeForm(value) : JSON.stringify(value);
}

/**
 * A literal body (a promoted capture): as captured, except ids and times, which are fresh on
 * every send as the help promises (a bot that dedups on ids would drop the second one), and
 * `--set` values. With nothing to change it is sent byte for byte.
 */
function renderLiteral(event: EventDef, sets: Map<string, FieldValue>, options: RenderOptions): string {
  const fresh = event.fields.filter((f) => f.gen && isIdOrTime(f.gen) && !sets.has(f.name));
  const copies = event.fields.filter((f) => f.sameAs && !sets.has(f.name) && fresh.some((g) => g.name === f.sameAs));
  if (sets.size === 0 && fresh.length === 0) return event.body!;
  const decoded = decodeBody(event.contentType, event.body!);
  if (!decoded.ok || decoded.value === null || typeof decoded.value !== 'object') return event.body!;
  const value = decoded.value as Record<string, unknown>;
  const g: GenContext = { rng: options.rng ?? Math.random, now: options.now ?? new Date() };
  for (const f of fresh) {
    if (getPath(value, f.name) !== undefined) setPath(value, f.name, coerce(f, GENERATORS[f.gen!]!(g)));
  }
  for (const f of copies) {
    if (getPath(value, f.name) !== undefined)
      setPath(value, f.name, coerce(f, getPath(value, f.sameAs!) as FieldValue));
  }
  for (const [path, v] of sets) setPath(value, path, v);
  return serialise(value, event.encoding);
}

export function renderSample(event: EventDef, options: RenderOptions = {}): RenderedSample {
  const encoding = chooseEncoding(event, options.encoding);
  const contentType = encoding === event.encoding ? event.contentType : CONTENT_TYPES[encoding];
  if (event.body !== undefined) {
    const sets = options.set instanceof Map ? options.set : resolveSets(event, options.set);
    return { contentType, body: renderLiteral(event, sets, options) };
  }
  const values = sampleValues(event, options);
  if (event.template !== null) {
    const byTag: Record<string, string> = {};
    for (const field of event.fields) {
      const text = String(values.get(field.name) ?? '');
      byTag[field.tag ?? field.name] = encoding === 'form' ? phpUrlencode(text) : text;
    }
    return {
      contentType,
      body: renderTemplate(event.template, byTag, { escape: encoding === 'json' ? 'json' : 'none' }),
    };
  }
  const body: Record<string, unknown> = {};
  for (const field of event.fields) setPath(body, field.name, values.get(field.name));
  return { contentType, body: serialise(body, encoding) };
}
