/**
 * The reference bot: a small HTTP server that behaves as seed 000 (and seed 002) describe a
 * support bot. It answers every webhook with 200 at once and does the work afterwards, as real
 * bots must (helpdesks time webhooks out), ignores duplicates, answers from a built-in
 * knowledge base, and hands off to the agent when it has no answer or the user asks for one.
 *
 * Routes (POST):  /<kind>[/…]     one helpdesk's webhooks: /omnidesk (rule webhooks, JSON),
 *                                 /helpdeskeddy[/<token>] (the dispatcher webhook, seed-002 body)
 *                 /               any of them, told apart by the body (each helpdesk's reader)
 * Per-webhook settings as query parameters of the webhook URL, so one bot serves any config:
 *   ?note=1        reply as a note (the "send reply as note" option)
 *   ?agent=<email or staff id>   the hand-off agent (default: options.agent, else operator@sandbox.test)
 *   ?label=<title> the label removed on hand-off (default: options.label, else every label of the case)
 */
import { createServer, type IncomingMessage as HttpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBody } from '../core/webhook-body.js';
import type { BotEvent, BotMessage, BotResponder, Connection } from '../helpdesks/define.js';
import { HELPDESKS, type HelpdeskKind } from '../helpdesks/registry.js';
import { dedupeKey, Deduper } from './dedupe.js';
import { decide } from './knowledge-base.js';

export type { BotEvent };

/** Each helpdesk the bot answers needs its connection: `{ omnidesk: { url, email, apiKey } }`. */
export type ReferenceBotOptions = { [K in HelpdeskKind]?: Pick<Connection, 'url' | 'email' | 'apiKey'> } & {
  host?: string;
  port?: number;
  /** Hand-off agent (e-mail or staff id). Default: the sandbox operator. */
  agent?: string;
  /** The bot's label, removed on hand-off. Default: every label of the case. */
  label?: string;
  /** Reply as a note unless a webhook URL says `?note=0`. */
  replyAsNote?: boolean;
  /** Called for everything the bot does (for logs and tests). */
  onEvent?(event: BotEvent): void;
};

export interface ReferenceBot {
  /** The first helpdesk's webhook URL (`/<kind>`); `/` takes any helpdesk's webhook too. */
  url: string;
  /** The webhook URL per helpdesk: `/<kind>`; a path suffix (HelpDeskEddy's token) is allowed. */
  urls: Record<HelpdeskKind, string>;
  /** Everything the bot did so far, oldest first. */
  events: BotEvent[];
  /** Resolves when every webhook received so far has been handled. */
  idle(): Promise<void>;
  /**
   * Forgets what the bot remembers of the helpdesks (the webhooks seen, the staff it looked up):
   * after a sandbox reset the same ticket id and text come back and are not duplicates.
   */
  forget(): void;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: HttpRequest): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * The helpdesk a webhook is for: by path (`/<kind>…`), else by the body; the helpdesk that recognizes no body is the
 * fallback.
 */
function helpdeskOf(pathname: string, body: Record<string, unknown>): (typeof HELPDESKS)[number] {
  return (
    HELPDESKS.find((h) => pathname.startsWith(`/${h.kind}`)) ??
    HELPDESKS.find((h) => h.bot.recognizes?.(body)) ??
    HELPDESKS.find((h) => !h.bot.recognizes) ??
    HELPDESKS[0]
  );
}

export async function startReferenceBot(options: ReferenceBotOptions = {}): Promise<ReferenceBot> {
  const events: BotEvent[] = [];
  const emit = (event: BotEvent) => {
    events.push(event);
    if (events.length > 1000) events.shift();
    options.onEvent?.(event);
  };
  let dedupe = new Deduper();
  const pending = new Set<Promise<void>>();
  // Each helpdesk's responder (and client) is made on its first webhook, so a bot that only
  // ever serves one helpdesk never loads the other's client.
  const responders = new Map<string, Promise<BotResponder>>();
  const deps = {
    emit,
    decide,
    defaults: { agent: options.agent, label: options.label, replyAsNote: options.replyAsNote },
  };

  const work = async (desk: (typeof HELPDESKS)[number], msg: BotMessage, query: URLSearchParams) => {
    const conn = options[desk.kind];
    if (!conn) throw new Error(`no ${desk.title} connection configured`);
    let responder = responders.get(desk.kind);
    if (!responder) {
      responder = desk.bot.responder(conn, deps);
      responders.set(desk.kind, responder);
      responder.catch(() => responders.delete(desk.kind));
    }
    await (await responder).handle(msg, query);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://bot.local');
      if (req.method === 'GET' || req.method === 'HEAD')
        return send(res, 200, { bot: 'omnibot reference bot', ok: true });
      if (req.method !== 'POST') return send(res, 405, { error: 'POST webhooks here' });
      const raw = await readBody(req);
      if (raw === undefined) return send(res, 413, { error: 'body too large' });
      const body = parseBody(req.headers['content-type'], raw);
      if (!body) return send(res, 400, { error: 'expected a JSON object' });
      const desk = helpdeskOf(url.pathname, body);
      const msg = desk.bot.read(body);
      if (!msg) return send(res, 400, { error: desk.bot.unreadable });
      // Answer first: the helpdesk must not wait for the bot's API calls.
      send(res, 200, { ok: true });
      emit({ kind: 'received', helpdesk: msg.helpdesk, caseId: msg.caseId });
      if (!dedupe.firstTime(dedupeKey(msg.helpdesk, msg.caseId, msg.text))) {
        emit({ kind: 'duplicate', helpdesk: msg.helpdesk, caseId: msg.caseId });
        return;
      }
      const job = work(desk, msg, url.searchParams).catch((err: unknown) => {
        emit({
          kind: 'error',
          helpdesk: msg.helpdesk,
          caseId: msg.caseId,
          detail: (err as Error)?.message ?? String(err),
        });
      });
      pending.add(job);
      void job.finally(() => pending.delete(job));
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'bot error' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const base = `http://${host}:${port}`;
  const idle = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  const urls = Object.fromEntries(HELPDESKS.map((h) => [h.kind, `${base}/${h.kind}`])) as Record<HelpdeskKind, string>;
  return {
    url: urls[HELPDESKS[0].kind],
    urls,
    events,
    idle,
    forget() {
      dedupe = new Deduper();
      responders.clear();
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await idle();
    },
  };
}
