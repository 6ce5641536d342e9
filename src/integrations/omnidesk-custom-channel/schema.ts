/** The config keys of `omnidesk-custom-channel`. */
import type { IntegrationOf, SchemaKit } from '../../kit/integration.js';

export const fields = ({ z, webhookUrl }: SchemaKit) => ({
  title: z.string().trim().min(1).describe('The channel title in Omnidesk.'),
  webhookUrl: webhookUrl(),
  type: z.enum(['async', 'sync']).default('async').describe('async: like e-mail; sync: like a chat.'),
});

export type CustomChannelIntegration = IntegrationOf<'omnidesk-custom-channel', ReturnType<typeof fields>>;
