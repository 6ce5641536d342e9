import { configSchema, type Config } from '../../src/config/schema.js';

/** A parsed config with one omnidesk-bot integration, as the loader would return it. */
export function botConfig(over: { replyAsNote?: boolean; url?: string } = {}): Config {
  return configSchema.parse({
    omnidesk: { url: over.url ?? 'https://acme.omnidesk.ru', email: 'admin@acme.ru', apiKey: 'k-1234567890' },
    integrations: [
      {
        recipe: 'omnidesk-bot',
        name: 'wikibot',
        webhookUrl: 'https://bot.example.com/omnidesk',
        label: 'wikibot',
        agent: 'operator@acme.ru',
        replyAsNote: over.replyAsNote ?? false,
      },
    ],
  });
}
