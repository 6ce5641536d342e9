/** The config keys of `billmanager`. */
import { checkWebhookUrl } from '../../core/urls.js';
import type { IntegrationOf, SchemaKit } from '../../kit/integration.js';

export const fields = ({ z }: SchemaKit) => ({
  billmanagerUrl: z
    .url({ protocol: /^https?$/ })
    // Omnidesk sends the secret in this URL's query: https, except on loopback (the tests, a tunnel).
    .superRefine((value, ctx) => {
      const problem = checkWebhookUrl(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe('Base URL of BILLmanager, e.g. https://my.example.com (https; http only for localhost).'),
  secret: z
    .string()
    // Shorter values would be too weak for a URL secret, and too short for output redaction.
    .min(16, 'must be at least 16 characters; `omnibot billmanager secret generate` makes one')
    .describe(
      'secret_key shared with the BILLmanager module; "${BILLMANAGER_SECRET}" (see omnibot billmanager secret ' +
        'generate).',
    ),
  channelTitle: z.string().trim().min(1).default('BILLmanager'),
  channelType: z.enum(['async', 'sync']).default('async'),
  integrationStaff: z.email().optional().describe('E-mail of the Omnidesk staff member used by the integration.'),
  fieldsFile: z.string().optional().describe('Path to custom_fields_values.json (linted by verify).'),
  fields: z
    .array(
      z.strictObject({
        key: z.string().min(1).describe('Key in custom_fields_values.json, e.g. client_id.'),
        entity: z.enum(['user', 'case']),
        omnideskField: z.string().min(1).describe('Title (or cf_<id>) of the Omnidesk data field it fills.'),
      }),
    )
    .default([]),
});

export type BillmanagerIntegration = IntegrationOf<'billmanager', ReturnType<typeof fields>>;
