/**
 * The fields of Omnidesk's «Выполнить вебхук» action, read from
 * templates/omnidesk/webhook-fields.json: per field its tick-box label, the JSON key Omnidesk
 * sends, the form of its value and where each fact comes from. The steps renderer, the sandbox
 * rule engine, the event catalog, detection and the reference bot all read this one file, so a
 * printed tick, the body the sandbox sends and the body a bot is tested with cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Localized } from '../../core/localized.js';

/** How a value is written: every one of them is a JSON string (reference §4.1a). */
export const VALUE_FORMS = ['id', 'text', 'html', 'url', 'status_label', 'priority_label', 'custom_field'] as const;
export type ValueForm = (typeof VALUE_FORMS)[number];

const provenance = z.enum(['observed', 'documented', 'inferred']);
const labelled = z.object({ text: z.string(), provenance, ref: z.string().optional() }).strict();

const fieldSchema = z
  .object({
    /** The JSON key; `custom_field_{field_id}` stands for one key per data field. */
    key: z.string().regex(/^[a-z0-9_]+(\{field_id\})?$/),
    label: z.object({ ru: z.string().min(1), en: z.string().min(1), source: provenance }).strict(),
    form: z.enum(VALUE_FORMS),
    /** A value seen in a real body, when the reference shows one. */
    seen: z.string().optional(),
    /** The value when the case has none (default ""). */
    absent: z.string().optional(),
    /** Of the key: seen in a real body, or not. */
    provenance,
    /** Of the value form. */
    formProvenance: provenance,
    /** Of "this tick-box label sends this key". */
    mapping: provenance,
    ref: z.string().min(1),
  })
  .strict();

const formatSchema = z
  .object({
    contentType: z.string().min(1),
    ui: z.object({ ru: z.string(), en: z.string() }).strict(),
    provenance,
    ref: z.string(),
  })
  .strict();

const fileSchema = z
  .object({
    about: z.string().optional(),
    formats: z.object({ JSON: formatSchema, FORM: formatSchema }).strict(),
    statusLabels: z.object({ open: labelled, waiting: labelled, closed: labelled }).strict(),
    priorityLabels: z.object({ low: labelled, normal: labelled, high: labelled, critical: labelled }).strict(),
    fields: z.array(fieldSchema).min(1),
  })
  .strict();

export type WebhookFieldDef = z.output<typeof fieldSchema>;
export type WebhookFieldFile = z.output<typeof fileSchema>;
export type WebhookFormat = keyof WebhookFieldFile['formats'];

/** src/helpdesks/omnidesk (tests) and dist/helpdesks/omnidesk (built) sit three levels below the package root. */
export const WEBHOOK_FIELDS_FILE = fileURLToPath(
  new URL('../../../templates/omnidesk/webhook-fields.json', import.meta.url),
);

let cached: WebhookFieldFile | undefined;

/**
 * The field file, validated; a broken file is a bug in what we ship (or in a user's edit) and throws, naming the path.
 */
export function webhookFieldFile(path: string = WEBHOOK_FIELDS_FILE): WebhookFieldFile {
  if (path === WEBHOOK_FIELDS_FILE && cached) return cached;
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (path === WEBHOOK_FIELDS_FILE) cached = parsed.data;
  return parsed.data;
}

const CUSTOM_FIELD = /^custom_field_(\d+)$/;

/** The data field id of a `custom_field_<id>` key. */
export function customFieldId(key: string): number | undefined {
  const m = CUSTOM_FIELD.exec(key);
  return m ? Number(m[1]) : undefined;
}

/** The entry for a key, `custom_field_94` included (it resolves to the `custom_field_{field_id}` entry). */
export function webhookField(key: string, file: WebhookFieldFile = webhookFieldFile()): WebhookFieldDef | undefined {
  const direct = file.fields.find((f) => f.key === key);
  if (direct) return direct;
  if (customFieldId(key) === undefined) return undefined;
  const template = file.fields.find((f) => f.form === 'custom_field');
  return template ? { ...template, key } : undefined;
}

/** The checkbox label as the UI shows it, e.g. «id обращения» / "case ID"; a data field goes by its title. */
export function webhookFieldLabel(key: string, customTitle?: string): Localized {
  const entry = webhookField(key);
  if (!entry) return { ru: key, en: key };
  if (entry.form === 'custom_field') {
    const title = customTitle ?? key;
    return { ru: title, en: title };
  }
  return { ru: entry.label.ru, en: entry.label.en };
}

/** The format choice as the UI shows it, and its content type. */
export function webhookFormat(format: WebhookFormat): WebhookFieldFile['formats'][WebhookFormat] {
  return webhookFieldFile().formats[format];
}

/** A value regex per form, for schemas that judge a received body. */
export function formPattern(form: ValueForm): string | undefined {
  return form === 'id' ? '^\\d*$' : undefined;
}

/** The form a receiver would most likely assume instead (a number for an id): what verify's probe tries. */
export function legacyValue(form: ValueForm, value: string): string | number | undefined {
  if (form === 'id' && /^\d+$/.test(value)) return Number(value);
  if (form === 'html') {
    const plain = value
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .trim();
    return plain === value ? undefined : plain;
  }
  return undefined;
}

/** Words for a form, for hints and `events show`. */
export function describeForm(form: ValueForm): string {
  switch (form) {
    case 'id':
      return 'a JSON string of digits ("423208679"), not a number';
    case 'html':
      return 'HTML text ("<p>…</p>")';
    case 'url':
      return 'a URL string';
    case 'status_label':
      return 'a localized status label ("открытое")';
    case 'priority_label':
      return 'a localized priority label ("Низкий")';
    case 'custom_field':
      return 'the data field\'s value as text ("" when empty)';
    default:
      return 'a string ("" when empty)';
  }
}
