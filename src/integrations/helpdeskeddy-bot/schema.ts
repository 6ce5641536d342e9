/** The config keys of `helpdeskeddy-bot`. */
import type { IntegrationOf, SchemaKit } from '../../kit/integration.js';

export const fields = ({ z, webhookUrl }: SchemaKit) => ({
  token: z.string().min(1).describe('The bot token; "${HDE_BOT_TOKEN}" (see omnibot token generate).'),
  webhookUrl: webhookUrl(),
  agent: z.string().min(1).optional().describe('E-mail of the staff member tickets are handed off to.'),
  botUserId: z.string().optional().describe('HelpDeskEddy user id the bot posts as (default: the API user).'),
  loopGuard: z.boolean().default(true).describe('Add the "author group of the last reply is Клиент" condition.'),
});

export type HelpdeskeddyBotIntegration = IntegrationOf<'helpdeskeddy-bot', ReturnType<typeof fields>>;
