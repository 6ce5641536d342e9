/**
 * The HelpDeskEddy sandbox server (reference §6): `/api/v2` behind Basic auth and the
 * account-wide rate limit, the dispatcher that fires webhooks, and the `/_sandbox/` admin path,
 * on the skeleton both sandboxes share (`src/server/sandbox-server.ts`: faults, request log, no
 * 500 for anything a client sends). `src/sandbox/index.ts` listens it on the HDE port; tests call
 * `listen()` themselves.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBasicAuth } from '../../../server/basic-auth.js';
import { json, type Reply } from '../../../server/http.js';
import { FaultQueue } from '../../../server/faults.js';
import type { ServerLimits } from '../../../server/guard.js';
import { listen } from '../../../server/listen.js';
import { RequestLog, type LoggedRequest } from '../../../server/request-log.js';
import { createSandboxServer } from '../../../server/sandbox-server.js';
import { adminRouter } from './admin-routes.js';
import { apiRouter, FILE_PATH } from './api-routes.js';
import { defaultBehaviour, type Behaviour } from './behaviour.js';
import { Dispatcher } from './dispatcher.js';
import { FileStore, MAX_FILE_BYTES } from './files.js';
import { RateGate } from './rate-gate.js';
import { HdeStore, type UserRec } from './store.js';
import type { HdeWorld } from './world.js';

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
  /** Overrides of the choices the reference leaves open (behaviour.ts). */
  behaviour?: Partial<Behaviour>;
  now?: () => Date;
  /** Connection, header-time and unfinished-body limits (src/server/guard.ts). */
  limits?: ServerLimits;
  /** Unexpected exceptions (the client gets an e-500 either way). */
  onInternalError?: (err: unknown) => void;
  /** After a reset: ids start again, so whoever remembers the old ones must forget them. */
  onReset?: () => void;
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

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Payload too large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** HelpDeskEddy's error array (§1.5 [C+]) with an `e-<status>` code. */
function hdeError(status: number, details: string, headers?: Record<string, string>): Reply {
  return json(status, { errors: [{ code: `e-${status}`, title: TITLES[status] ?? 'Error', details }] }, headers);
}

const DETAILS: Record<string, string> = {
  not_found: 'No such method.',
  method_not_allowed: 'This method is not allowed on this path.',
  request_too_large: `The request body is too large (files up to ${MAX_FILE_BYTES / 1024 / 1024} MB each).`,
  bad_request: 'The request target is not a path.',
  server_busy: 'The sandbox is busy; try again in a second.',
  admin_path_is_loopback_only: 'The /_sandbox/ admin path answers loopback clients only.',
  internal_error: 'Unexpected sandbox error.',
};

export function createHelpdeskeddySandbox(options: HelpdeskeddySandboxOptions): HelpdeskeddySandbox {
  const now = options.now ?? (() => new Date());
  const store = new HdeStore(options.email, now);
  const files = new FileStore();
  const initialBehaviour: Behaviour = { ...defaultBehaviour(), ...options.behaviour };
  const gate = new RateGate({
    limit: options.rateLimit ?? 300,
    banMinutes: options.banMinutes ?? 20,
    overLimit: options.overLimit ?? 'ban',
    now: () => now().getTime(),
  });
  // Fault paths are matched without the trailing slash, as routes are (`/tickets$` hits `/tickets/`).
  const faults = new (class extends FaultQueue {
    override take(method: string, path: string) {
      return super.take(method, path.length > 1 ? path.replace(/\/+$/, '') : path);
    }
  })();
  // The log's times follow the sandbox's clock, so tests with a fake clock can read the pacing.
  const requests = new (class extends RequestLog {
    override add(entry: LoggedRequest): void {
      super.add({ ...entry, at: now().toISOString() });
    }
  })();
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
  const world: HdeWorld = {
    store,
    files,
    behaviour: { ...initialBehaviour },
    origin: () => origin,
    dispatch: (events) => Promise.all(events.map((e) => dispatcher.handle(e))).then(() => undefined),
  };

  const admin = adminRouter({
    kind: 'helpdeskeddy',
    email: options.email,
    world,
    initialBehaviour,
    dispatcher,
    faults,
    gate,
    requests,
    loopLimit,
    onReset: options.onReset,
  });

  const kit = createSandboxServer<UserRec>({
    kind: 'helpdeskeddy',
    // Everything but the admin path is the API: `/api/v2/…` and the file links posts carry.
    apiPrefix: '/',
    api: apiRouter(world),
    admin,
    faults,
    requests,
    headers: () => ({ 'x-rate-limit': String(gate.limit), 'x-rate-limit-remaining': String(gate.remaining()) }),
    gate: (req) => {
      const host = req.headers.host;
      if (typeof host === 'string' && /^[\w.\-:[\]]+$/.test(host)) origin = `http://${host}`;
      const verdict = gate.check();
      if (verdict.kind === 'banned') return json(401, gate.banBody());
      if (verdict.kind === 'limited')
        return hdeError(429, 'API limit reached.', { 'retry-after': String(verdict.retryAfterSec) });
      if (world.behaviour.fileDownloadAuth === 'none' && FILE_PATH.test(req.path)) return { auth: store.apiUser };
      const creds = parseBasicAuth(req.headers.authorization);
      if (!creds) return hdeError(401, 'Authorization required: Basic base64(email:api_key).');
      const requester = store.userByEmail(creds.user);
      if (!requester || creds.user.toLowerCase() !== options.email.toLowerCase() || creds.password !== options.apiKey) {
        return hdeError(401, 'Wrong e-mail or API key.');
      }
      return { auth: requester };
    },
    error: (status, code) => hdeError(status, DETAILS[code] ?? code),
    faultReply: (fault) => {
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return hdeError(fault.status, 'Injected by /_sandbox/faults.', headers);
    },
    // Several files of up to 25 MB in one multipart body, plus the other fields [INF].
    maxBodyBytes: 2 * MAX_FILE_BYTES + 1024 * 1024,
    onInternalError: options.onInternalError,
    limits: options.limits,
  });

  const { server } = kit;
  const sandbox: HelpdeskeddySandbox = {
    server,
    async listen(port = 0, host = '127.0.0.1') {
      await listen(server, { host, port, what: 'HelpDeskEddy sandbox' });
      return sandbox.url!;
    },
    idle: () => dispatcher.idle(),
    async close() {
      kit.close();
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
