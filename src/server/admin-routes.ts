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
  return validateAdmin(schema, readAdminJson(body));
}

function readAdminJson(body: Buffer): unknown {
  return parseJsonBody(body, () => adminError(400, 'invalid_json', 'the body is not valid JSON'));
}

function validateAdmin<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
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
      // One fault or a list; validated apart so an error names the field, not "invalid union".
      const raw = readAdminJson(req.body);
      const specs = Array.isArray(raw)
        ? validateAdmin(z.array(faultSchema).min(1), raw)
        : [validateAdmin(faultSchema, raw)];
      const added = specs.map((s) => parts.faults.add(s));
      return json(200, { queued: added, faults: parts.faults.list() });
    })
    .on('GET', '/_sandbox/faults', () => json(200, parts.faults.list()))
    .on('DELETE', '/_sandbox/faults', () => {
      const count = parts.faults.list().length;
      parts.faults.clear();
      return json(200, { cleared: count });
    })
    .on('GET', '/_sandbox/deliveries', async (req) => {
      // `?since=<id>` lets a poller read only what is new; `?settle=1` first waits for the
      // deliveries already under way, so "nothing else was sent" can be asserted.
      const since = toInt(req.query.get('since') ?? undefined) ?? 0;
      if (req.query.get('settle')) await parts.deliveries.settle();
      return json(
        200,
        parts.deliveries.list().filter((d) => d.id > since),
      );
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
