/**
 * Omnidesk as omnibot knows it: its connection section, client, sandbox, admin-UI vocabulary
 * (./ui.ts), the manual-spec kinds its sandbox executes (./specs.ts), its credentials check,
 * the bot's webhook reader and responder, and init's live check. Heavy parts load on use.
 */
import { defineHelpdesk } from '../define.js';
import { OMNIDESK_DOMAIN } from './account.js';
import type { OmnideskApi, Staff } from './client/types.js';
import { readOmnideskWebhook } from './bot/webhook.js';
import { ADMIN_PAGES, API_KEY_PATH, adminPage } from './ui.js';

export const OMNIDESK_API_KEY_VAR = 'OMNIDESK_API_KEY';

export const omnidesk = defineHelpdesk<'omnidesk', OmnideskApi, Staff>({
  kind: 'omnidesk',
  title: 'Omnidesk',
  domain: OMNIDESK_DOMAIN,
  keyVar: OMNIDESK_API_KEY_VAR,
  env: { url: 'OMNIBOT_OMNIDESK_URL', email: 'OMNIBOT_OMNIDESK_EMAIL', apiKey: 'OMNIBOT_OMNIDESK_API_KEY' },
  connection: ({ z, base }) =>
    z.strictObject({
      ...base,
      rateLimitPerMinute: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Requests per minute omnibot allows itself; by default it follows the rate_limit_per_minute header.'),
    }),
  whereKeys: (url) => `The API key is made at ${API_KEY_PATH.en}: ${adminPage(url, ADMIN_PAGES.apiKey)}`,
  async client(conn, options) {
    const { createOmnideskClient } = await import('./client/http.js');
    return createOmnideskClient({ ...conn, ...options });
  },
  async live(conn, progress) {
    return (await import('./connect.js')).omnideskLive(conn, progress);
  },
  credentials: {
    title: 'Omnidesk accepts the API key',
    keyHint:
      'Check omnidesk.email and the API key (Настройки → API); keep the key in OMNIDESK_API_KEY, not in the config.',
    async check(api, conn) {
      return (await import('./connect.js')).omnideskCredentials(api, conn);
    },
  },
  sandbox: {
    what: 'Omnidesk sandbox',
    portFlag: '--port',
    specPaths: {
      'omnidesk.rule': '/_sandbox/rules',
      'omnidesk.custom-channel': '/_sandbox/custom-channels',
      'omnidesk.custom-field': '/_sandbox/custom-fields',
    },
    async create(options) {
      const [{ createOmnideskSandbox }, { closeServer }] = await Promise.all([
        import('./sandbox/server.js'),
        import('../../server/listen.js'),
      ]);
      const sandbox = createOmnideskSandbox(options);
      return {
        server: sandbox.server,
        async close() {
          await sandbox.close();
          await closeServer(sandbox.server);
        },
      };
    },
  },
  bot: {
    read: readOmnideskWebhook,
    unreadable: 'no case id in the body',
    async responder(conn, deps) {
      const [{ OmnideskResponder }, { createOmnideskClient }] = await Promise.all([
        import('./bot/responder.js'),
        import('./client/http.js'),
      ]);
      return new OmnideskResponder(createOmnideskClient(conn), conn.email, deps);
    },
  },
});
