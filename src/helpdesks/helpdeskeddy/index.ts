/**
 * HelpDeskEddy as omnibot knows it: its connection section (with the account-wide rate limit
 * that bans when exceeded), client, sandbox, UI words (./ui.ts), the dispatcher-rule spec its
 * sandbox executes (./specs.ts), its credentials check, the bot's webhook reader and responder,
 * and init's live check. Heavy parts load on use.
 */
import { defineHelpdesk } from '../define.js';
import { HDE_DOMAIN } from './account.js';
import { isHelpdeskeddyBody, readHelpdeskeddyWebhook } from './bot/webhook.js';
import type { HdeUser, HelpdeskeddyApi } from './client/types.js';
import { MENU } from './ui.js';

export const HDE_API_KEY_VAR = 'HDE_API_KEY';

export const helpdeskeddy = defineHelpdesk<'helpdeskeddy', HelpdeskeddyApi, HdeUser>({
  kind: 'helpdeskeddy',
  title: 'HelpDeskEddy',
  domain: HDE_DOMAIN,
  keyVar: HDE_API_KEY_VAR,
  env: { url: 'OMNIBOT_HDE_URL', email: 'OMNIBOT_HDE_EMAIL', apiKey: 'OMNIBOT_HDE_API_KEY' },
  connection: ({ z, base }) =>
    z.strictObject({
      ...base,
      rateLimitPerMinute: z
        .number()
        .int()
        .min(1)
        .max(300)
        .default(250)
        .describe('The account-wide limit is 300/min and exceeding it bans the account; omnibot stays under this.'),
    }),
  whereKeys: (url) => `The administrator's API key is at ${MENU.keys.en} in ${url}`,
  async client(conn, options) {
    const { createHelpdeskeddyClient } = await import('./client/http.js');
    return createHelpdeskeddyClient({ ...conn, ...options });
  },
  async live(conn, progress) {
    return (await import('./connect.js')).helpdeskeddyLive(conn, progress);
  },
  credentials: {
    title: 'HelpDeskEddy accepts the API key',
    keyHint: 'Check helpdeskeddy.email and the admin API key (Управление → Глобальные настройки → Система).',
    async check(api, conn) {
      return (await import('./connect.js')).helpdeskeddyCredentials(api, conn);
    },
  },
  sandbox: {
    what: 'HelpDeskEddy sandbox',
    portFlag: '--hde-port',
    specPaths: { 'helpdeskeddy.dispatcher-rule': '/_sandbox/dispatcher-rules' },
    async create(options) {
      const { createHelpdeskeddySandbox } = await import('./sandbox/server.js');
      return createHelpdeskeddySandbox(options);
    },
  },
  bot: {
    recognizes: isHelpdeskeddyBody,
    read: readHelpdeskeddyWebhook,
    unreadable: 'no ticket_id in the body',
    async responder(conn, deps) {
      const [{ HelpdeskeddyResponder }, { createHelpdeskeddyClient }] = await Promise.all([
        import('./bot/responder.js'),
        import('./client/http.js'),
      ]);
      return new HelpdeskeddyResponder(createHelpdeskeddyClient(conn), deps);
    },
  },
});
