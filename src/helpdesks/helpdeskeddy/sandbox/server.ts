/**
 * The HelpDeskEddy sandbox server (reference §6): `/api/v2` behind Basic auth and the
 * account-wide rate limit, the dispatcher that fires webhooks, and the `/_sandbox/` admin path.
 * `src/sandbox/index.ts` listens it on the HDE port; tests call `listen()` themselves.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBasicAuth } from '../../../server/basic-auth.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { guardedServer, type ServerLimits } from '../../../server/guard.js';
import { BodyTooLargeError, ClientGoneError, HttpError, isLoopbackAddress, json, readBody, sendReply, ServerBusyError, type Reply } from '../../../server/http.js';
import { requestUrl } from '../../../server/target.js';
import { adminRouter, type AdminContext, type RequestLogEntry } from './admin-routes.js';
import { apiRouter, type ApiContext } from './api-routes.js';
import { Dispatcher } from './dispatcher.js';
import { FaultQueue } from '../../../server/faults.js';
import { listen } from '../../../server/listen.js';
import { RateGate } from './rate-gate.js';
import { HdeStore } from './store.js';

export interface HelpdeskeddySandboxOptions {
  email: string;
  apiKey: string;
  /** Requests per rolling minute before the ban (HelpDeskEddy's default: 300). */
  rateLimit?: number;
  banMinutes?: number;
  /** 'ban' (the real behaviour) or '429'. */
  overLimit?: 'ban' | '429';
  /** Staff-post firings per rule and ticket before a loop is cut (no loop guard). */
  loopLimit?: number;
  webhookTimeoutMs?: number;
  retryAttempts?: number;
  retryDelayMs?: number;
  /** 'none': bodies substituted without JSON-escaping, as a careless implementation would. */
  escape?: 'json' | 'none';
  now?: () => Date;
  limits?: ServerLimits;
  /** Unexpected exceptions; the client gets a 500 either way. */
  onInternalError?: (err: unknown) => void;
}

export interface HelpdeskeddySandbox {
  server: Server;
  /** Set once the server listens; used for the ready line. */
  url?: string;
  /** Listens (127.0.0.1, port 0 by default) and resolves with the URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Resolves once no async webhook is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const MAX_LOGGED_REQUESTS = 10_000;

function normalisePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function unauthorized(details: string): HttpError {
  return new HttpError(401, { errors: [{ code: 'e-401', title: 'Unauthorized', details }] });
}

export function createHelpdeskeddySandbox(options: HelpdeskeddySandboxOptions): HelpdeskeddySandbox {
  const now = options.now ?? (() => new Date());
  const store = new HdeStore(options.email, now);
  const gate = new RateGate({
    limit: options.rateLimit ?? 300,
    banMinutes: options.banMinutes ?? 20,
    overLimit: options.overLimit ?? 'ban',
    now: () => now().getTime(),
  });
  const faults = new FaultQueue();
  const requests: RequestLogEntry[] = [];
  const loopLimit = options.loopLimit ?? 5;
  let origin = 'http://127.0.0.1';
  const dispatcher = new Dispatcher(store, {
    loopLimit,
    escape: options.escape ?? 'json',
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    retryAttempts: options.retryAttempts ?? 3,
    retryDelayMs: options.retryDelayMs ?? 500,
    origin: () => origin,
  });
  const api = apiRouter();
  const admin = adminRouter();
  const adminContext: AdminContext = { kind: 'helpdeskeddy', email: options.email, store, dispatcher, faults, gate, requests, loopLimit };

  const common = (): Record<string, string> => ({
    'x-omnibot-sandbox': 'helpdeskeddy',
    'x-rate-limit': String(gate.limit),
    'x-rate-limit-remaining': String(gate.remaining()),
  });

  async function handleApi(req: IncomingMessage, method: string, path: string, url: URL): Promise<Reply> {
    const verdict = gate.check();
    if (verdict.kind === 'banned') throw new HttpError(401, gate.banBody());
    if (verdict.kind === 'limited') {
      throw new HttpError(429, { errors: [{ code: 'e-429', title: 'Too Many Requests', details: 'API limit reached.' }] }, { 'retry-after': String(verdict.retryAfterSec) });
    }
    const fault = faults.take(method, path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status) {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      const title = fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error';
      throw new HttpError(fault.status, { errors: [{ code: `e-${fault.status}`, title, details: 'Injected by /_sandbox/faults.' }] }, headers);
    }
    const creds = parseBasicAuth(req.headers.authorization);
    if (!creds) throw unauthorized('Authorization required: Basic base64(email:api_key).');
    const requester = store.userByEmail(creds.user);
    if (!requester || creds.user.toLowerCase() !== options.email.toLowerCase() || creds.password !== options.apiKey) {
      throw unauthorized('Wrong e-mail or API key.');
    }
    const match = api.match(method, path);
    if (match === undefined) throw new HttpError(404, { errors: [{ code: 'e-404', title: 'Not found', details: `No such method: ${path}` }] });
    if (match === 'method') throw new HttpError(405, { errors: [{ code: 'e-405', title: 'Method not allowed', details: `${method} ${path}` }] });
    const body = await readBody(req, { budget: guarded.budget });
    const ctx: ApiContext = { store, requester, dispatch: (events) => Promise.all(events.map((e) => dispatcher.handle(e))).then(() => undefined) };
    return match.handler({ method, path, params: match.params, query: url.searchParams, headers: req.headers, body }, ctx);
  }

  async function handleAdmin(req: IncomingMessage, method: string, path: string, url: URL): Promise<Reply> {
    if (!isLoopbackAddress(req.socket.remoteAddress)) throw new HttpError(403, { errors: [{ code: 'e-403', title: 'Forbidden', details: 'loopback only' }] });
    const match = admin.match(method, path);
    if (match === undefined) throw new HttpError(404, { errors: [{ code: 'e-404', title: 'Not found', details: path }] });
    if (match === 'method') throw new HttpError(405, { errors: [{ code: 'e-405', title: 'Method not allowed', details: `${method} ${path}` }] });
    const body = await readBody(req, { budget: guarded.budget });
    return match.handler({ method, path, params: match.params, query: url.searchParams, headers: req.headers, body }, adminContext);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = requestUrl(req.url);
    if (!url) {
      // No path to route (`GET //[`-style garbage that still parsed as HTTP): the client's fault.
      const bad = json(400, { errors: [{ code: 'e-400', title: 'Bad request', details: 'the request target is not a path' }] });
      sendReply(res, { ...bad, headers: { connection: 'close' } }, common());
      return;
    }
    const path = normalisePath(url.pathname);
    const isAdmin = path === '/_sandbox' || path.startsWith('/_sandbox/');
    let reply: Reply;
    try {
      reply = isAdmin ? await handleAdmin(req, method, path, url) : await handleApi(req, method, path, url);
    } catch (err) {
      // Nobody is left to answer, and a hang-up is the client's business, not an internal error.
      if (err instanceof ClientGoneError) return;
      if (err instanceof HttpError) reply = { status: err.status, body: err.body, headers: err.headers };
      else if (err instanceof BodyTooLargeError) {
        reply = json(413, { errors: [{ code: 'e-413', title: 'Payload too large', details: err.message }] }, { connection: 'close' });
      } else if (err instanceof ServerBusyError) {
        reply = json(503, { errors: [{ code: 'e-503', title: 'Service Unavailable', details: err.message }] }, { connection: 'close', 'retry-after': '1' });
      } else {
        options.onInternalError?.(err);
        reply = json(500, { errors: [{ code: 'e-500', title: 'Internal Server Error', details: (err as Error).message }] });
      }
    }
    if (!isAdmin) {
      requests.push({ method, path: path + url.search, status: reply.status, at: now().toISOString() });
      if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    }
    if (!res.destroyed) sendReply(res, reply, common());
  }

  const guarded = guardedServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      options.onInternalError?.(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  }, options.limits);
  const server = guarded.server;
  const sandbox: HelpdeskeddySandbox = {
    server,
    async listen(port = 0, host = '127.0.0.1') {
      await listen(server, { host, port, what: 'HelpDeskEddy sandbox' });
      return sandbox.url!;
    },
    idle: () => dispatcher.idle(),
    async close() {
      await dispatcher.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets would hold close() open until they time out.
      server.closeAllConnections();
      await closed;
    },
  };
  // Whoever calls listen(), the URL (and the origin used in `{link_staff}`) follows the socket.
  server.on('listening', () => {
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    origin = `http://${host}:${addr.port}`;
    sandbox.url = origin;
  });
  return sandbox;
}
