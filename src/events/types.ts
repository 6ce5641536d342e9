/**
 * The shape of an event file (templates/events/<name>.json, or a user sample in
 * `<config dir>/.omnibot/events/<name>.json`) and of an event once loaded.
 *
 * A body is described one of three ways:
 * - `template` as a string (or `templateFrom`, a file under templates/ with a `template` key):
 *   text with `{tag}` placeholders, filled the way HelpDeskEddy's dispatcher fills them;
 * - no template: the body is built from `fields` in order (dotted names nest: `object.content`),
 *   as JSON or as a PHP-bracket form;
 * - `body`: a literal payload (a captured one); rendering returns it as is unless --set changes it.
 */
import { z } from 'zod';

export const PROVENANCES = ['prescribed', 'documented', 'observed', 'inferred', 'captured'] as const;
export const ENCODINGS = ['json', 'form'] as const;
export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'any'] as const;
export const SUMMARY_ROLES = ['caseId', 'ticketId', 'userId', 'text'] as const;

export type Provenance = (typeof PROVENANCES)[number];
export type Encoding = (typeof ENCODINGS)[number];
export type FieldType = (typeof FIELD_TYPES)[number];
export type SummaryRole = (typeof SUMMARY_ROLES)[number];

export const CONTENT_TYPES: Record<Encoding, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

/** `<helpdesk>.<event>`, lower case: `omnidesk.incoming`. */
export const EVENT_NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/;

/** The encoding a content type stands for: a form body, or JSON (the default). */
export function encodingOf(contentType: string): Encoding {
  return /x-www-form-urlencoded/i.test(contentType) ? 'form' : 'json';
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const fieldFileSchema = z.strictObject({
  /** The path as users see it in the payload; dots nest (`object.content`). */
  name: z.string().min(1).optional(),
  /**
   * For Omnidesk rule events: a key of templates/omnidesk/webhook-fields.json (name, type, form and provenance come
   * from there).
   */
  webhookField: z.string().optional(),
  type: z.enum(FIELD_TYPES).optional(),
  required: z.boolean().optional(),
  description: z.string().optional(),
  /** Text templates: the `{tag}` this field fills (defaults to the name). */
  tag: z.string().optional(),
  /** A value generator from src/events/generate.ts, e.g. `omnidesk.case_id`. */
  gen: z.string().optional(),
  /** A fixed value (`type=message_new`); detection requires it to match and --set refuses it. */
  const: scalar.optional(),
  /** The value when no generator is named (`note=0`). */
  default: scalar.optional(),
  /** Copies another field's value (a new ticket's author is its customer). */
  sameAs: z.string().optional(),
  /** A regular expression a string value must match. */
  pattern: z.string().optional(),
  /** Which key fact this field is, for one-line summaries in listen and tail. */
  summary: z.enum(SUMMARY_ROLES).optional(),
});

export const eventFileSchema = z.looseObject({
  name: z.string().regex(EVENT_NAME, 'an event name is `<helpdesk>.<event>`, lower case').optional(),
  helpdesk: z.string().min(1).optional(),
  description: z.string().optional(),
  provenance: z.enum(PROVENANCES).optional(),
  contentType: z.string().min(1).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  /** Encodings a receiver accepts for this event (detection, `send --encoding`). */
  accepts: z.array(z.enum(ENCODINGS)).optional(),
  template: z.string().optional(),
  templateFrom: z.string().optional(),
  body: z.string().optional(),
  fields: z.array(fieldFileSchema).optional(),
  note: z.string().optional(),
});

export type EventFile = z.output<typeof eventFileSchema>;

export interface FieldDef {
  name: string;
  type: FieldType;
  required: boolean;
  description?: string;
  tag?: string;
  gen?: string;
  const?: string | number | boolean;
  default?: string | number | boolean;
  sameAs?: string;
  pattern?: string;
  summary?: SummaryRole;
  /** Where the key and its value form come from, e.g. `key observed, form observed, label→key inferred`. */
  provenance?: string;
  /** The reference fact behind it (`§4.1a [S SUPLOOP]`). */
  ref?: string;
  /** The value form (an Omnidesk rule-webhook field: `id`, `html`, …). */
  form?: string;
}

export interface EventDef {
  name: string;
  helpdesk: string;
  description: string;
  provenance: Provenance;
  contentType: string;
  encoding: Encoding;
  accepts: Encoding[];
  /** Text template (`{tag}` placeholders), or null when the body is built from fields or literal. */
  template: string | null;
  /** A literal body (captured samples). */
  body?: string;
  fields: FieldDef[];
  note?: string;
  source: 'shipped' | 'user';
  file: string;
  /** A user sample that replaces a shipped event of the same name. */
  overrides: boolean;
}

export interface Catalog {
  events: EventDef[];
  /** Problems with user samples (they are skipped, never fatal). */
  warnings: string[];
  userDir?: string;
  get(name: string): EventDef | undefined;
}
