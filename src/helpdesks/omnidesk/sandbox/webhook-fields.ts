/**
 * The JSON keys of a rule webhook's ticked fields. They are data
 * (templates/omnidesk/webhook-fields.json, inferred until a capture replaces them), read at run
 * time so the sandbox and the event catalog always agree, and a user's edit reaches both.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const fieldSchema = z.object({
  key: z.string().min(1),
  type: z.enum(['integer', 'string']),
  ru: z.string().optional(),
  en: z.string().optional(),
});

const fileSchema = z.object({ fields: z.record(z.string(), fieldSchema) });

export type WebhookFieldDef = z.output<typeof fieldSchema>;
export type WebhookFields = Record<string, WebhookFieldDef>;

const WEBHOOK_FIELDS_URL = new URL('../../../../templates/omnidesk/webhook-fields.json', import.meta.url);

export function loadWebhookFields(url: URL = WEBHOOK_FIELDS_URL): WebhookFields {
  const raw = JSON.parse(readFileSync(url, 'utf8')) as unknown;
  return fileSchema.parse(raw).fields;
}

/** The values a webhook can carry, by field name (the spec's names, not the JSON keys). */
export type FieldValues = Record<string, string | number>;

/** Builds the body object: JSON key → value, typed as the field file says. */
export function webhookPayload(defs: WebhookFields, ticked: readonly string[], values: FieldValues): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const name of ticked) {
    const def = defs[name];
    if (!def) continue;
    const value = values[name] ?? '';
    if (def.type === 'integer') {
      const n = Number(value);
      out[def.key] = Number.isFinite(n) ? n : 0;
    } else {
      out[def.key] = String(value);
    }
  }
  return out;
}
