/**
 * `startSandbox`: every registered helpdesk's emulator (and, on request, the reference bot) in
 * this process, on loopback, as docs/architecture.md specifies. `omnibot sandbox`,
 * `omnibot demo` and the tests all start it through here. It knows no helpdesk by name: each
 * descriptor brings its server, its port flag and its words.
 */
import { startReferenceBot, type ReferenceBot } from '../bot/reference-bot.js';
import { HELPDESKS, type HelpdeskKind } from '../helpdesks/registry.js';
import { DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_RATE_LIMIT } from '../server/defaults.js';
import type { ServerLimits } from '../server/guard.js';
import { listen } from '../server/listen.js';

export { DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_RATE_LIMIT };
export const DEFAULT_HOST = '127.0.0.1';

export interface SandboxOptions {
  host?: string;
  /** Ports per helpdesk (0 or absent: any free port). */
  ports?: { [K in HelpdeskKind]?: number };
  email?: string;
  apiKey?: string;
  /** Requests per minute, per helpdesk account. */
  rateLimit?: number;
  bot?: 'reference';
  /** Per-delivery timeout of outbound webhooks (default 10 s). */
  webhookTimeoutMs?: number;
  /** Unexpected server exceptions (the client gets a 500 either way). */
  onInternalError?: (err: unknown) => void;
  /** Connection and body caps of both servers (tests make them small). */
  limits?: ServerLimits;
}

export type RunningSandbox = { [K in HelpdeskKind]: { url: string } } & {
  bot?: { url: string; urls: Record<HelpdeskKind, string> };
  /** What the `ready` line prints: each helpdesk's URL, `bot`, and `bot<Kind>` where a helpdesk's differs. */
  urls(): Record<string, string>;
  close(): Promise<void>;
};

const capitalized = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const email = options.email ?? DEFAULT_EMAIL;
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    // Last started, first stopped: the bot goes before the servers it talks to.
    while (closers.length) await closers.pop()!().catch(() => undefined);
  };

  // The bot starts after the servers it talks to; a reset on any of them reaches it through here.
  let bot: ReferenceBot | undefined;
  const onReset = () => bot?.forget();

  try {
    const desks = {} as Record<HelpdeskKind, { url: string }>;
    for (const desk of HELPDESKS) {
      const instance = await desk.sandbox.create({
        email,
        apiKey,
        rateLimit: options.rateLimit,
        webhookTimeoutMs: options.webhookTimeoutMs,
        onInternalError: options.onInternalError,
        limits: options.limits,
        onReset,
      });
      closers.push(() => instance.close());
      const port = options.ports?.[desk.kind] ?? 0;
      desks[desk.kind] = {
        url: await listen(instance.server, { host, port, what: desk.sandbox.what, flag: desk.sandbox.portFlag }),
      };
    }

    if (options.bot === 'reference') {
      const connections = Object.fromEntries(HELPDESKS.map((h) => [h.kind, { url: desks[h.kind].url, email, apiKey }]));
      bot = await startReferenceBot({ host, ...connections });
      const b = bot;
      closers.push(() => b.close());
    }

    return {
      ...desks,
      ...(bot ? { bot: { url: bot.url, urls: bot.urls } } : {}),
      urls() {
        const urls: Record<string, string> = Object.fromEntries(HELPDESKS.map((h) => [h.kind, desks[h.kind].url]));
        if (bot) {
          urls.bot = bot.url;
          for (const h of HELPDESKS)
            if (bot.urls[h.kind] !== bot.url) urls[`bot${capitalized(h.kind)}`] = bot.urls[h.kind];
        }
        return urls;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
