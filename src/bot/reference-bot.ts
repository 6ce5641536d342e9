/**
 * The reference bot: a small HTTP server that behaves as seed 000 (and seed 002) describe a
 * support bot. It answers every webhook with 200 at once and does the work afterwards, as real
 * bots must (helpdesks time webhooks out), ignores duplicates, answers from a built-in
 * knowledge base, and hands off to the agent when it has no answer or the user asks for one.
 *
 * Routes (POST):  /omnidesk       Omnidesk incoming and changed-case rule webhooks (JSON)
 *                 /helpdeskeddy[/<token>]  the HelpDeskEddy dispatcher webhook (seed-002 body)
 *                 /               either, told apart by the body
 * Per-webhook settings as query parameters of the webhook URL, so one bot serves any config:
 *   ?note=1        reply as a note (the "send reply as note" option)
 *   ?agent=<email or staff id>   the hand-off agent (default: options.agent, else operator@sandbox.test)
 *   ?label=<title> the label removed on hand-off (default: options.label, else every label of the case)
 */
import { createServer, type IncomingMessage as HttpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dedupeKey, Deduper } from './dedupe.js';
import type { BotEvent } from './events.js';
import { OmnideskResponder } from './omnidesk-handler.js';
import { isHelpdeskeddyBody, parseBody, readHelpdeskeddyWebhook, readOmnideskWebhook, type IncomingMessage } from './payloads.js';
import { connectHelpdeskeddy, connectOmnidesk, type Connection } from './connect.js';
import type { HelpdeskeddyResponder } from './helpdeskeddy-handler.js';

export interface ReferenceBotOptions {
  host?: string;
  port?: number;
  omnidesk?: Connection;
  helpdeskeddy?: Connection;
  /** Hand-off agent (e-mail or staff id). Default: the sandbox operator. */
  agent?: string;
  /** The bot's label, removed on hand-off. Default: every label of the case. */
  label?: string;
  /** Reply as a note unless a webhook URL says `?note=0`. */
  replyAsNote?: boolean;
  /** Called for everything the bot does (for logs and tests). */
  onEvent?(event: BotEvent): void;
}

export interface ReferenceBot {
  /** Webhook URL for Omnidesk rule webhooks. */
  url: string;
  /** Webhook URL for the HelpDeskEddy dispatcher, when it differs. */
  helpdeskeddyUrl?: string;
  /** Everything the bot did so far, oldest first. */
  events: BotEvent[];
  /** Resolves when every webhook received so far has been handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_AGENT = 'operator@sandbox.test';
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

function flag(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export async function startReferenceBot(options: ReferenceBotOptions = {}): Promise<ReferenceBot> {
  const events: BotEvent[] = [];
  const emit = (event: BotEvent) => {
    events.push(event);
    if (events.length > 1000) events.shift();
    options.onEvent?.(event);
  };
  const dedupe = new Deduper();
  const pending = new Set<Promise<void>>();
  let omnidesk: OmnideskResponder | undefined;
  let helpdeskeddy: HelpdeskeddyResponder | undefined;

  const work = async (msg: IncomingMessage, query: URLSearchParams) => {
    if (msg.helpdesk === 'omnidesk') {
      if (!options.omnidesk) throw new Error('no Omnidesk connection configured');
      omnidesk ??= new OmnideskResponder(await connectOmnidesk(options.omnidesk), options.omnidesk.email, emit);
      await omnidesk.handle(msg, {
        replyAsNote: flag(query.get('note'), options.replyAsNote ?? false),
        agent: query.get('agent') ?? options.agent ?? DEFAULT_AGENT,
        label: query.get('label') ?? options.label,
      });
    } else {
      if (!options.helpdeskeddy) throw new Error('no HelpDeskEddy connection configured');
      helpdeskeddy ??= await connectHelpdeskeddy(options.helpdeskeddy, emit);
      await helpdeskeddy.handle(msg, { agent: query.get('agent') ?? options.agent });
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://bot.local');
      if (req.method === 'GET' || req.method === 'HEAD') return send(res, 200, { bot: 'omnibot reference bot', ok: true });
      if (req.method !== 'POST') return send(res, 405, { error: 'POST webhooks here' });
      const raw = await readBody(req);
      if (raw === undefined) return send(res, 413, { error: 'body too large' });
      const body = parseBody(req.headers['content-type'], raw);
      if (!body) return send(res, 400, { error: 'expected a JSON object' });
      const hde = url.pathname.startsWith('/helpdeskeddy') || (!url.pathname.startsWith('/omnidesk') && isHelpdeskeddyBody(body));
      const msg = hde ? readHelpdeskeddyWebhook(body) : readOmnideskWebhook(body);
      if (!msg) return send(res, 400, { error: hde ? 'no ticket_id in the body' : 'no case id in the body' });
      // Answer first: the helpdesk must not wait for the bot's API calls.
      send(res, 200, { ok: true });
      emit({ kind: 'received', helpdesk: msg.helpdesk, caseId: msg.caseId });
      if (!dedupe.firstTime(dedupeKey(msg.helpdesk, msg.caseId, msg.text))) {
        emit({ kind: 'duplicate', helpdesk: msg.helpdesk, caseId: msg.caseId });
        return;
      }
      const job = work(msg, url.searchParams).catch((err: unknown) => {
        emit({ kind: 'error', helpdesk: msg.helpdesk, caseId: msg.caseId, detail: (err as Error)?.message ?? String(err) });
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
  return {
    url: `${base}/omnidesk`,
    helpdeskeddyUrl: `${base}/helpdeskeddy`,
    events,
    idle,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await idle();
    },
  };
}
