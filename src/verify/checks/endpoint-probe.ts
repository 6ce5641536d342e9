/**
 * When a bot refuses a sample event, which field did it choke on? Omnidesk's rule webhook sends
 * every value as a string and its texts as HTML (reference §4.1a); a bot written against the
 * intuitive form (a number for `case_id`, plain text) answers 4xx/5xx to the real thing. The
 * probe re-sends the same sample with one field at a time in that intuitive form: a field whose
 * variant the bot accepts is the one it must learn to take as Omnidesk sends it.
 */
import { decodeBody } from '../../events/decode.js';
import { encodeForm } from '../../core/php-form.js';
import { getPath, setPath } from '../../events/fields.js';
import type { EventDef, FieldDef } from '../../events/catalog.js';
import { describeForm, legacyValue, VALUE_FORMS, type ValueForm } from '../../helpdesks/omnidesk/webhook-fields.js';

/** Sends a body (same content type as the sample) and says whether the bot took it. */
export type BodySender = (body: string) => Promise<boolean>;

export interface ProbeResult {
  /** Fields the bot accepted only in the intuitive form. */
  culprits: Array<{ name: string; form: ValueForm; sent: string; accepted: string | number }>;
  /** How each formed field travels, for the hint when no single variant explains it. */
  forms: Array<{ name: string; form: ValueForm }>;
}

function isForm(value: string | undefined): value is ValueForm {
  return (VALUE_FORMS as readonly string[]).includes(value ?? '');
}

function formed(event: EventDef): Array<FieldDef & { form: ValueForm }> {
  return event.fields.filter((f): f is FieldDef & { form: ValueForm } => isForm(f.form));
}

export async function probeFields(
  event: EventDef,
  sample: { contentType: string; body: string },
  send: BodySender,
): Promise<ProbeResult | undefined> {
  const fields = formed(event);
  if (fields.length === 0) return undefined;
  const decoded = decodeBody(sample.contentType, sample.body);
  if (!decoded.ok || decoded.value === null || typeof decoded.value !== 'object') return undefined;
  const original = decoded.value as Record<string, unknown>;
  const culprits: ProbeResult['culprits'] = [];
  for (const field of fields) {
    const sent = getPath(original, field.name);
    if (typeof sent !== 'string') continue;
    const alternative = legacyValue(field.form, sent);
    // In a form body a number and its digits are the same bytes: nothing to tell apart.
    if (alternative === undefined || (decoded.encoding === 'form' && String(alternative) === sent)) continue;
    const variant = structuredClone(original);
    setPath(variant, field.name, alternative);
    const body = decoded.encoding === 'form' ? encodeForm(variant) : JSON.stringify(variant);
    if (await send(body)) culprits.push({ name: field.name, form: field.form, sent, accepted: alternative });
  }
  return { culprits, forms: fields.map((f) => ({ name: f.name, form: f.form })) };
}

function shown(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The hint: the field(s) and the form Omnidesk sends them in. */
export function probeHint(result: ProbeResult): string {
  if (result.culprits.length > 0) {
    const lines = result.culprits.map(
      (c) =>
        `${c.name} must be accepted as ${describeForm(c.form)}: the bot took ${shown(c.accepted)} but refused ` +
        `${shown(c.sent)}`,
    );
    return `${lines.join('; ')}. That is how Omnidesk sends it.`;
  }
  const forms = result.forms.map((f) => `${f.name} as ${describeForm(f.form)}`).join('; ');
  return `Omnidesk sends ${forms}; the bot must accept each in that form.`;
}
