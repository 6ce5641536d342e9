/** The config keys of `omnidesk-bot`. */
import { LABEL_TITLE_MAX } from '../../helpdesks/omnidesk/account.js';
import type { IntegrationOf, SchemaKit } from '../../kit/integration.js';

export const fields = ({ z, webhookUrl }: SchemaKit) => ({
  webhookUrl: webhookUrl(),
  label: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(LABEL_TITLE_MAX, `must be at most ${LABEL_TITLE_MAX} characters`)
    .describe('The label that marks cases the bot handles; removed on hand-off.'),
  agent: z.string().min(1).describe('E-mail (or staff id) of the staff member cases are handed off to.'),
  replyAsNote: z.boolean().default(false).describe('Send the bot answer as a note, seen by staff only.'),
});

export type OmnideskBotIntegration = IntegrationOf<'omnidesk-bot', ReturnType<typeof fields>>;
