/**
 * Validation of the `OmnideskRuleSpec` objects posted to `/_sandbox/rules`. The schema follows
 * src/model/specs.ts exactly; the ticked webhook fields must also be known to the field file,
 * or the webhook would silently lack a key.
 */
import { z } from 'zod';
import type { OmnideskRuleSpec, OmnideskWebhookField } from '../specs.js';
import { webhookField, type WebhookFieldFile } from '../webhook-fields.js';

const caseStatus = z.enum(['open', 'waiting', 'closed']);

const condition = z.union([
  z.object({ field: z.literal('status'), op: z.enum(['eq', 'neq']), value: caseStatus }).strict(),
  z.object({ field: z.literal('changed_by'), value: z.enum(['user', 'staff']) }).strict(),
  z.object({ field: z.literal('labels'), op: z.enum(['contains', 'not_contains']), label: z.string().min(1) }).strict(),
  z.object({ field: z.literal('channel'), op: z.literal('eq'), value: z.string().min(1) }).strict(),
  z
    .object({ field: z.literal('message_author'), op: z.literal('eq'), value: z.enum(['user', 'staff', 'bot']) })
    .strict(),
  z.object({ field: z.literal('has_staff_reply'), value: z.boolean() }).strict(),
]);

/** A key of the field file (checked against it below), or one data field's `custom_field_<id>`. */
const tickedField = z.custom<OmnideskWebhookField>(
  (v) => typeof v === 'string' && /^[a-z0-9_]+$/.test(v),
  'expected a field key',
);

const action = z.union([
  z
    .object({
      type: z.literal('webhook'),
      url: z.url({ protocol: /^https?$/ }),
      method: z.enum(['POST', 'GET', 'PUT', 'DELETE']),
      format: z.enum(['JSON', 'FORM']),
      fields: z.array(tickedField),
    })
    .strict(),
  z.object({ type: z.literal('add_label'), label: z.string().min(1) }).strict(),
  z.object({ type: z.literal('remove_label'), label: z.string().min(1) }).strict(),
  z.object({ type: z.literal('set_status'), status: caseStatus }).strict(),
]);

export const ruleSpecSchema = z
  .object({
    kind: z.literal('omnidesk.rule'),
    ruleKind: z.enum(['incoming', 'changed']),
    title: z.string().trim().min(1).max(255),
    match: z.enum(['all', 'any']),
    conditions: z.array(condition),
    actions: z.array(action).min(1),
  })
  .strict();

/** A field named by the spec type but missing from the field file would be dropped silently. */
export function unknownWebhookField(spec: OmnideskRuleSpec, file: WebhookFieldFile): string | undefined {
  for (const [i, a] of spec.actions.entries()) {
    if (a.type !== 'webhook') continue;
    const missing = a.fields.find((f) => !webhookField(f, file));
    if (missing) return `actions.${i}.fields: "${missing}" is not in templates/omnidesk/webhook-fields.json`;
  }
  return undefined;
}

// Compile-time check that the schema and the model type agree.
type Parsed = z.output<typeof ruleSpecSchema>;
const _agree: (p: Parsed) => OmnideskRuleSpec = (p) => p;
void _agree;
