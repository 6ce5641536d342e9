/** The config keys of `chaport`. */
import type { IntegrationOf, SchemaKit } from '../../kit/integration.js';

export const fields = ({ z }: SchemaKit) => ({
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
    .describe("Channel code of Chaport chats in Omnidesk, used in the auto-close rules' channel condition."),
});

export type ChaportIntegration = IntegrationOf<'chaport', ReturnType<typeof fields>>;
