/**
 * The Omnidesk sandbox: an in-memory account behind the Omnidesk REST subset omnibot uses,
 * with Basic auth, a per-minute rate limit, the rule engine, custom-channel webhooks, and the
 * admin path. `createOmnideskSandbox` builds it; the caller listens (see ../index.ts).
 */
import { DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_RATE_LIMIT } from '../../../server/defaults.js';
import type { Server } from 'node:http';
import { addCommonAdminRoutes } from '../../../server/admin-routes.js';
import { parseBasicAuth } from '../../../server/basic-auth.js';
import { DeliveryLog } from '../../../server/deliveries.js';
import { FaultQueue } from '../../../server/faults.js';
import type { ServerLimits } from '../../../server/guard.js';
import { json } from '../../../server/http.js';
import { RateWindow } from '../../../server/rate-window.js';
import { RequestLog } from '../../../server/request-log.js';
import { Router } from '../../../server/router.js';
import { createSandboxServer, type CallContext } from '../../../server/sandbox-server.js';
import { omnideskAdminRoutes } from './admin.js';
import { MAX_REQUEST_FILE_BYTES } from './files.js';
import { caseRoutes } from './routes-cases.js';
import { directoryRoutes } from './routes-directory.js';
import { messageRoutes } from './routes-messages.js';
import { userRoutes } from './routes-users.js';
import { companyRoutes } from './routes-companies.js';
import { kbRoutes } from './routes-kb.js';
import { unemulatedRoutes } from './routes-unemulated.js';
import { staffRoutes } from './routes-staff.js';
import { seedStore } from './seed.js';
import type { StaffRec } from './store.js';
import { webhookFieldFile } from '../webhook-fields.js';
import type { OmnideskWorld } from './world.js';

export { DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_RATE_LIMIT };

export interface OmnideskSandboxOptions {
  email?: string;
  apiKey?: string;
  /** Requests per minute for the whole account. */
  rateLimit?: number;
  /** Per-delivery timeout of outbound webhooks. */
  webhookTimeoutMs?: number;
  now?: () => number;
  onInternalError?: (err: unknown) => void;
  limits?: ServerLimits;
  /** After a reset: ids start again, so whoever remembers the old ones must forget them. */
  onReset?: () => void;
}

export interface OmnideskSandbox {
  server: Server;
  world: OmnideskWorld;
  deliveries: DeliveryLog;
  /** Stops pending work (delays, deliveries); the caller closes the server. */
  close(): Promise<void>;
}

export function createOmnideskSandbox(options: OmnideskSandboxOptions = {}): OmnideskSandbox {
  const email = options.email ?? DEFAULT_EMAIL;
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const now = options.now ?? Date.now;
  const limiter = new RateWindow(options.rateLimit ?? DEFAULT_RATE_LIMIT, now);
  const faults = new FaultQueue();
  const requests = new RequestLog();
  const deliveries = new DeliveryLog({ timeoutMs: options.webhookTimeoutMs, userAgent: 'omnibot-sandbox (Omnidesk)' });
  const world: OmnideskWorld = {
    store: seedStore({ email, now: now() }),
    now,
    fields: webhookFieldFile(),
    deliveries,
    origin: 'http://127.0.0.1',
  };

  const api = new Router<CallContext<StaffRec>>();
  directoryRoutes(api, world);
  staffRoutes(api, world);
  userRoutes(api, world);
  companyRoutes(api, world);
  kbRoutes(api, world);
  unemulatedRoutes(api);
  caseRoutes(api, world);
  messageRoutes(api, world);

  const admin = new Router<CallContext<undefined>>();
  omnideskAdminRoutes(admin, world, {
    info: () => ({ kind: 'omnidesk', email, rateLimitPerMinute: limiter.limit }),
    reset: () => {
      world.store = seedStore({ email, now: now() });
      faults.clear();
      deliveries.clear();
      requests.clear();
      limiter.reset();
      options.onReset?.();
    },
  });
  addCommonAdminRoutes(admin, { faults, deliveries, requests });

  const sandbox = createSandboxServer<StaffRec>({
    kind: 'omnidesk',
    apiPrefix: '/api/',
    api,
    admin,
    faults,
    requests,
    headers: () => {
      const rate = limiter.peek();
      return { rate_limit_per_minute: String(rate.limit), api_calls_left: String(rate.remaining) };
    },
    gate: (req) => {
      const host = req.headers.host;
      if (typeof host === 'string' && /^[\w.\-:[\]]+$/.test(host)) world.origin = `http://${host}`;
      const rate = limiter.take();
      if (!rate.allowed)
        return json(429, { error: 'rate_limit_exceeded' }, { retry_after: String(rate.retryAfterSeconds) });
      const creds = parseBasicAuth(req.headers.authorization);
      if (!creds) return json(401, { error: 'authorization_required' });
      const staff = world.store.staffByEmail(creds.user);
      // maria's client: an unknown login is 403, a wrong key for a known one is 401.
      if (!staff) return json(403, { error: 'wrong_login' });
      if (staff.staff_id !== 1 || creds.password !== apiKey) return json(401, { error: 'wrong_api_key' });
      if (!staff.active) return json(403, { error: 'staff_not_active' });
      return { auth: staff };
    },
    error: (status, code) => json(status, { error: code }),
    faultReply: (fault) => {
      const headers: Record<string, string> = {};
      if (fault.status === 429 || fault.retryAfter !== undefined) headers.retry_after = String(fault.retryAfter ?? 1);
      const code =
        fault.status === 429 ? 'rate_limit_exceeded' : fault.status === 503 ? 'service_unavailable' : 'internal_error';
      return json(fault.status, { error: code }, headers);
    },
    // Attachments: 50 MB per request (reference §1.1), plus room for the other fields.
    maxBodyBytes: MAX_REQUEST_FILE_BYTES + 1024 * 1024,
    onInternalError: options.onInternalError,
    limits: options.limits,
  });

  return {
    server: sandbox.server,
    world,
    deliveries,
    async close() {
      sandbox.close();
      await deliveries.close();
    },
  };
}
