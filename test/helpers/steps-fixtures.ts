import { type Config } from '../../src/model/config.js';
import { schema } from './registry.js';

/** A parsed config with one omnidesk-bot integration, as the loader would return it. */
export function botConfig(over: { replyAsNote?: boolean; url?: string } = {}): Config {
  return schema.parse({
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
