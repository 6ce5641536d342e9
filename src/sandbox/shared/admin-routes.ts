/**
 * The admin routes every sandbox has, whatever helpdesk it plays: faults, deliveries and the
 * request log. Helpdesk-specific admin routes (info, reset, rules…) are added beside them.
 */
import { z } from 'zod';
import { HttpError, json, parseJsonBody } from './http.js';
import { faultSchema, type FaultQueue } from './faults.js';
import type { DeliveryLog } from './deliveries.js';
import type { RequestLog } from './request-log.js';
import type { Router } from './router.js';
import { toInt } from './query.js';

/** Admin errors are the sandbox's own: a code plus a message naming the field. */
export function adminError(status: number, error: string, message?: string): HttpError {
  return new HttpError(status, message ? { error, message } : { error });
}

/** Parses an admin JSON body with a zod schema; a failure names the field. */
export function parseAdminBody<S extends z.ZodType>(schema: S, body: Buffer): z.output<S> {
  const raw = parseJsonBody(body, () => adminError(400, 'invalid_json', 'the body is not valid JSON'));
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'body';
  throw adminError(400, 'validation', `${where}: ${issue.message}`);
}

export interface CommonAdminParts {
  faults: FaultQueue;
  deliveries: DeliveryLog;
  requests: RequestLog;
}

export function addCommonAdminRoutes<C>(router: Router<C>, parts: CommonAdminParts): Router<C> {
  return router
    .on('POST', '/_sandbox/faults', (req) => {
      const specs = parseAdminBody(z.union([faultSchema, z.array(faultSchema).min(1)]), req.body);
      const added = (Array.isArray(specs) ? specs : [specs]).map((s) => parts.faults.add(s));
      return json(200, { queued: added, faults: parts.faults.list() });
    })
    .on('GET', '/_sandbox/faults', () => json(200, parts.faults.list()))
    .on('DELETE', '/_sandbox/faults', () => {
      const count = parts.faults.list().length;
      parts.faults.clear();
      return json(200, { cleared: count });
    })
    .on('GET', '/_sandbox/deliveries', (req) => {
      // `?since=<id>` lets a poller read only what is new.
      const since = toInt(req.query.get('since') ?? undefined) ?? 0;
      return json(200, parts.deliveries.list().filter((d) => d.id > since));
    })
    .on('DELETE', '/_sandbox/deliveries', () => {
      parts.deliveries.clear();
      return json(200, { cleared: true });
    })
    .on('GET', '/_sandbox/requests', () => json(200, parts.requests.list()))
    .on('DELETE', '/_sandbox/requests', () => {
      parts.requests.clear();
      return json(200, { cleared: true });
    });
}
