/**
 * `startSandbox`: the Omnidesk and HelpDeskEddy emulators (and, on request, the reference bot)
 * in this process, on loopback, as docs/architecture.md specifies. `omnibot sandbox`,
 * `omnibot demo` and the tests all start it through here.
 */
import { startReferenceBot, type ReferenceBot } from '../bot/reference-bot.js';
import { createHelpdeskeddySandbox } from '../helpdesks/helpdeskeddy/sandbox/server.js';
import { createOmnideskSandbox, DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_RATE_LIMIT } from '../helpdesks/omnidesk/sandbox/server.js';
import { closeServer, listen } from '../server/listen.js';

export { DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_RATE_LIMIT };
export const DEFAULT_HOST = '127.0.0.1';

export interface SandboxOptions {
  host?: string;
  omnideskPort?: number;
  helpdeskeddyPort?: number;
  email?: string;
  apiKey?: string;
  /** Requests per minute, per helpdesk account. */
  rateLimit?: number;
  bot?: 'reference';
  /** Per-delivery timeout of outbound webhooks (default 10 s). */
  webhookTimeoutMs?: number;
  /** Unexpected server exceptions (the client gets a 500 either way). */
  onInternalError?: (err: unknown) => void;
}

export interface RunningSandbox {
  omnidesk: { url: string };
  helpdeskeddy: { url: string };
  bot?: { url: string; helpdeskeddyUrl?: string };
  /** What the `ready` line prints. */
  urls(): Record<string, string>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const email = options.email ?? DEFAULT_EMAIL;
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    // Last started, first stopped: the bot goes before the servers it talks to.
    while (closers.length) await closers.pop()!().catch(() => undefined);
  };

  try {
    const omnidesk = createOmnideskSandbox({
      email,
      apiKey,
      rateLimit: options.rateLimit,
      webhookTimeoutMs: options.webhookTimeoutMs,
      onInternalError: options.onInternalError,
    });
    closers.push(async () => {
      await omnidesk.close();
      await closeServer(omnidesk.server);
    });
    const omnideskUrl = await listen(omnidesk.server, { host, port: options.omnideskPort ?? 0, what: 'Omnidesk sandbox', flag: '--port' });

    const hde = createHelpdeskeddySandbox({ email, apiKey, rateLimit: options.rateLimit, webhookTimeoutMs: options.webhookTimeoutMs });
    closers.push(() => hde.close());
    const hdeUrl = await listen(hde.server, { host, port: options.helpdeskeddyPort ?? 0, what: 'HelpDeskEddy sandbox', flag: '--hde-port' });

    let bot: ReferenceBot | undefined;
    if (options.bot === 'reference') {
      bot = await startReferenceBot({
        host,
        omnidesk: { url: omnideskUrl, email, apiKey },
        helpdeskeddy: { url: hdeUrl, email, apiKey },
      });
      const b = bot;
      closers.push(() => b.close());
    }

    const result: RunningSandbox = {
      omnidesk: { url: omnideskUrl },
      helpdeskeddy: { url: hdeUrl },
      ...(bot ? { bot: { url: bot.url, ...(bot.helpdeskeddyUrl ? { helpdeskeddyUrl: bot.helpdeskeddyUrl } : {}) } } : {}),
      urls() {
        const urls: Record<string, string> = { omnidesk: omnideskUrl, helpdeskeddy: hdeUrl };
        if (bot) {
          urls.bot = bot.url;
          if (bot.helpdeskeddyUrl && bot.helpdeskeddyUrl !== bot.url) urls.botHelpdeskeddy = bot.helpdeskeddyUrl;
        }
        return urls;
      },
      close,
    };
    return result;
  } catch (err) {
    await close();
    throw err;
  }
}
