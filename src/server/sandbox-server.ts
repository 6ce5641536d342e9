/**
 * The skeleton both sandbox servers share: every reply gets the common headers, `/_sandbox/`
 * is the admin path (loopback only, no auth, no faults, no rate limit), and calls under the API
 * prefix go through queued faults, then the helpdesk's own gate (rate limit, auth), then the
 * router. Side effects a handler schedules with `afterReply` run once the reply is sent, which
 * is when a real helpdesk fires its webhooks.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { guardedServer, type ServerLimits } from './guard.js';
import {
  BodyTooLargeError,
  ClientGoneError,
  HttpError,
  isLoopbackAddress,
  readBody,
  sendReply,
  ServerBusyError,
  type Reply,
} from './http.js';
import { requestUrl } from './target.js';
import type { RouteRequest, Router } from './router.js';
import type { FaultQueue, QueuedFault } from './faults.js';
import type { RequestLog } from './request-log.js';

const ADMIN_PREFIX = '/_sandbox/';

export interface CallContext<A> {
  /** What the gate established for this call (e.g. the authenticated staff member). */
  auth: A;
  /** Runs after the reply has been sent. */
  afterReply(fn: () => void): void;
}

export interface SandboxServerSpec<A> {
  /** `omnidesk` or `helpdeskeddy`: the value of `x-omnibot-sandbox`. */
  kind: string;
  /** Calls under this prefix are API calls: faults, the gate and the request log apply. */
  apiPrefix: string;
  api: Router<CallContext<A>>;
  admin: Router<CallContext<undefined>>;
  faults: FaultQueue;
  requests: RequestLog;
  /** Extra headers on every reply (the rate-limit numbers). */
  headers(): Record<string, string>;
  /** Rate limit and authentication of an API call: a Reply refuses it. */
  gate(req: RouteRequest): Reply | { auth: A };
  /** An error reply in the helpdesk's own format (`{"error": code}` for Omnidesk). */
  error(status: number, code: string): Reply;
  /** The reply an injected error fault produces. */
  faultReply(fault: QueuedFault & { status: number }): Reply;
  /** The largest request body taken (default: readBody's 10 MB); bigger ones get 413. */
  maxBodyBytes?: number;
  /** Unexpected exceptions; the client gets a 500 either way. */
  onInternalError?(err: unknown): void;
  limits?: ServerLimits;
}

export interface SandboxServer {
  server: Server;
  /** Aborted on close: cuts injected delays short. */
  signal: AbortSignal;
  close(): void;
}

export function createSandboxServer<A>(spec: SandboxServerSpec<A>): SandboxServer {
  const closing = new AbortController();

  async function route<C>(
    router: Router<CallContext<C>>,
    call: RouteRequest,
    auth: C,
    after: Array<() => void>,
  ): Promise<Reply> {
    const match = router.match(call.method, call.path);
    if (match === undefined) return spec.error(404, 'not_found');
    if (match === 'method') return spec.error(405, 'method_not_allowed');
    return match.handler({ ...call, params: match.params }, { auth, afterReply: (fn) => after.push(fn) });
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url);
    const method = (req.method ?? 'GET').toUpperCase();
    if (!url) {
      // No path to route (`GET //[`-style garbage that still parsed as HTTP): the client's fault.
      sendReply(
        res,
        { ...spec.error(400, 'bad_request'), headers: { connection: 'close' } },
        { 'x-omnibot-sandbox': spec.kind },
      );
      return;
    }
    const path = url.pathname;
    const after: Array<() => void> = [];
    const isAdmin = path.startsWith(ADMIN_PREFIX);
    const isApi = !isAdmin && path.startsWith(spec.apiPrefix);
    let fault: QueuedFault | undefined;
    let reply: Reply;
    // An injected slow answer ends when the client stops waiting for it (its deadline passed, it
    // hung up) or the sandbox closes: nobody is left to answer, and a long delay must not hold a
    // connection slot, or the process, that long.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const answerWait = AbortSignal.any([closing.signal, gone.signal]);

    try {
      const body = await readBody(req, { limit: spec.maxBodyBytes, budget: guarded.budget });
      const call: RouteRequest = { method, path, params: {}, query: url.searchParams, headers: req.headers, body };
      if (isAdmin && !isLoopbackAddress(req.socket.remoteAddress)) {
        reply = spec.error(403, 'admin_path_is_loopback_only');
      } else if (isAdmin) {
        reply = await route(spec.admin, call, undefined, after);
      } else if (isApi) {
        fault = spec.faults.take(method, path);
        if (fault?.status !== undefined) {
          await sleep(fault.delayMs ?? 0, undefined, { signal: answerWait }).catch(() => undefined);
          reply = spec.faultReply(fault as QueuedFault & { status: number });
        } else {
          // The held work goes ahead after the client has left (that is the point of the fault);
          // only closing the sandbox cancels it, and then nothing is done or answered.
          if (fault?.commitAfterMs) await sleep(fault.commitAfterMs, undefined, { signal: closing.signal });
          const gate = spec.gate(call);
          reply = 'auth' in gate ? await route(spec.api, call, gate.auth, after) : gate;
          // A slow server still does the work; only the answer is late. That is what makes a
          // timed-out create dangerous to repeat blindly.
          if (fault?.delayMs) await sleep(fault.delayMs, undefined, { signal: answerWait }).catch(() => undefined);
        }
      } else {
        reply = spec.error(404, 'not_found');
      }
    } catch (err) {
      // Nobody is left to answer, and a hang-up is the client's business, not an internal error.
      if (err instanceof ClientGoneError) return;
      if (closing.signal.aborted) return; // a held commit cut short by close(): not an error either
      if (err instanceof HttpError) reply = { status: err.status, body: err.body, headers: err.headers };
      else if (err instanceof BodyTooLargeError)
        reply = { ...spec.error(413, 'request_too_large'), headers: { connection: 'close' } };
      else if (err instanceof ServerBusyError)
        reply = { ...spec.error(503, 'server_busy'), headers: { connection: 'close', 'retry-after': '1' } };
      else {
        spec.onInternalError?.(err);
        reply = spec.error(500, 'internal_error');
      }
    }

    if (isApi) {
      spec.requests.add({
        method,
        path,
        query: url.search.slice(1),
        status: reply.status,
        at: new Date().toISOString(),
        ...(fault ? { fault: fault.id } : {}),
        ...(gone.signal.aborted ? { clientGone: true as const } : {}),
      });
    }
    if (!res.destroyed) sendReply(res, reply, { 'x-omnibot-sandbox': spec.kind, ...spec.headers() });
    if (after.length) setImmediate(() => after.forEach((fn) => fn()));
  }

  const guarded = guardedServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      spec.onInternalError?.(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  }, spec.limits);
  const server = guarded.server;

  return {
    server,
    signal: closing.signal,
    close: () => closing.abort(),
  };
}
