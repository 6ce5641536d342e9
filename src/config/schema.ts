/**
 * The one zod schema of the omnibot config. `omnibot schema` prints its JSON Schema; the loader
 * validates every file with it. Objects are strict, so a typo in a key is an error, not a
 * silently ignored setting.
 */
import { z } from 'zod';
import { checkWebhookUrl } from './urls.js';

/**
 * Omnidesk does not document a maximum label length [I]; 100 is what omnibot enforces and the
 * sandbox mirrors, so a too-long title fails in `plan`, not halfway through `apply`.
 */
export const LABEL_TITLE_MAX = 100;

/** An integration name: what the config, `init --name` and `token --name` all accept. */
export const INTEGRATION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

const name = z
  .string()
  .regex(INTEGRATION_NAME, 'use letters, digits, "-" and "_" (at most 63), starting with a letter or digit')
  .describe('A short id of this integration, unique in the file; used in state and check ids.');

const webhookUrl = z
  .string()
  .superRefine((value, ctx) => {
    const problem = checkWebhookUrl(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe("The bot's webhook URL (https; http only for localhost).");

const connection = {
  url: z.string().min(1).describe('Account name (acme), host (acme.omnidesk.ru) or any http(s) URL.'),
  email: z.email().describe('E-mail of the staff member whose API key is used.'),
  apiKey: z.string().min(1).describe('API key; write "${NAME}" to read it from the environment or .env.'),
  timeoutMs: z.number().int().min(100).max(600_000).optional().describe('Per-request timeout in ms (default 15000).'),
};

export const omnideskConnectionSchema = z.strictObject({
  ...connection,
  rateLimitPerMinute: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Requests per minute omnibot allows itself; by default it follows the rate_limit_per_minute header.'),
});

export const helpdeskeddyConnectionSchema = z.strictObject({
  ...connection,
  rateLimitPerMinute: z
    .number()
    .int()
    .min(1)
    .max(300)
    .default(250)
    .describe('The account-wide limit is 300/min and exceeding it bans the account; omnibot stays under this.'),
});

export const omnideskBotSchema = z.strictObject({
  recipe: z.literal('omnidesk-bot'),
  name,
  webhookUrl,
  label: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(LABEL_TITLE_MAX, `must be at most ${LABEL_TITLE_MAX} characters`)
    .describe('The label that marks cases the bot handles; removed on hand-off.'),
  agent: z.string().min(1).describe('E-mail (or staff id) of the staff member cases are handed off to.'),
  replyAsNote: z.boolean().default(false).describe('Send the bot answer as a note, seen by staff only.'),
});

export const omnideskCustomChannelSchema = z.strictObject({
  recipe: z.literal('omnidesk-custom-channel'),
  name,
  title: z.string().trim().min(1).describe('The channel title in Omnidesk.'),
  webhookUrl,
  type: z.enum(['async', 'sync']).default('async').describe('async: like e-mail; sync: like a chat.'),
});

export const helpdeskeddyBotSchema = z.strictObject({
  recipe: z.literal('helpdeskeddy-bot'),
  name,
  token: z.string().min(1).describe('The bot token; "${HDE_BOT_TOKEN}" (see omnibot token generate).'),
  webhookUrl,
  agent: z.string().min(1).optional().describe('E-mail of the staff member tickets are handed off to.'),
  botUserId: z.string().optional().describe('HelpDeskEddy user id the bot posts as (default: the API user).'),
  loopGuard: z.boolean().default(true).describe('Add the "author group of the last reply is Клиент" condition.'),
});

export const billmanagerSchema = z.strictObject({
  recipe: z.literal('billmanager'),
  name,
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
    .describe('secret_key shared with the BILLmanager module; "${BILLMANAGER_SECRET}" (see omnibot billmanager secret generate).'),
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

export const chaportSchema = z.strictObject({
  recipe: z.literal('chaport'),
  name,
  statuses: z
    .record(z.string(), z.strictObject({ chatAccess: z.boolean() }))
    .default({})
    .describe('Per custom staff status (id or title): does it grant access to active chats? The API cannot tell.'),
  offlineDelayMinutes: z.number().int().min(0).default(5),
  channel: z
    .string()
    .trim()
    .min(1)
    .default('chat')
    .describe('Channel code of Chaport chats in Omnidesk, used in the auto-close rules\' channel condition.'),
});

export const integrationSchema = z.discriminatedUnion('recipe', [
  omnideskBotSchema,
  omnideskCustomChannelSchema,
  helpdeskeddyBotSchema,
  billmanagerSchema,
  chaportSchema,
]);

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    omnidesk: omnideskConnectionSchema.optional(),
    helpdeskeddy: helpdeskeddyConnectionSchema.optional(),
    integrations: z.array(integrationSchema).default([]),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.integrations.forEach((it, i) => {
      if (seen.has(it.name)) ctx.addIssue({ code: 'custom', path: ['integrations', i, 'name'], message: `duplicate name "${it.name}"` });
      seen.add(it.name);
      const needs = it.recipe === 'helpdeskeddy-bot' ? 'helpdeskeddy' : 'omnidesk';
      if (!cfg[needs]) {
        ctx.addIssue({ code: 'custom', path: ['integrations', i, 'recipe'], message: `recipe "${it.recipe}" needs a "${needs}" section` });
      }
    });
  });

export type Config = z.output<typeof configSchema>;
export type Integration = Config['integrations'][number];
export type RecipeName = Integration['recipe'];
export type OmnideskBotIntegration = z.output<typeof omnideskBotSchema>;
export type CustomChannelIntegration = z.output<typeof omnideskCustomChannelSchema>;
export type HelpdeskeddyBotIntegration = z.output<typeof helpdeskeddyBotSchema>;
export type BillmanagerIntegration = z.output<typeof billmanagerSchema>;
export type ChaportIntegration = z.output<typeof chaportSchema>;

export const RECIPES: RecipeName[] = ['omnidesk-bot', 'omnidesk-custom-channel', 'helpdeskeddy-bot', 'billmanager', 'chaport'];

/** Config keys whose values are secrets: never literal in a committed file, always redacted. */
export const SECRET_KEYS = new Set(['apiKey', 'token', 'secret']);

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}
