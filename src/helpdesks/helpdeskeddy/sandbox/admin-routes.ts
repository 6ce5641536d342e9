/**
 * `/_sandbox/…`: what no HelpDeskEddy API offers but tests and `apply` need — dispatcher rules
 * (the manual step, executed), faults, the ban switch, the logs of deliveries and requests, user
 * patches (e.g. turning the API user into a client to provoke the "not staff" check), and the
 * behaviour switches where the reference is silent (behaviour.ts). Loopback only, no auth
 * (docs/architecture.md).
 */
import { z } from 'zod';
import { HttpError, isRecord, json, parseJsonBody } from '../../../server/http.js';
import { Router, type RouteHandler } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import type { RequestLog } from '../../../server/request-log.js';
import { CLIENT_GROUP_ID, GROUPS } from './store.js';
import type { Dispatcher } from './dispatcher.js';
import { faultSchema, type FaultQueue } from '../../../server/faults.js';
import type { RateGate } from './rate-gate.js';
import { badRequest } from './request-body.js';
import { describeBehaviour, parseBehaviour, type Behaviour } from './behaviour.js';
import type { HdeWorld } from './world.js';

export interface AdminContext {
  kind: 'helpdeskeddy';
  email: string;
  world: HdeWorld;
  /** What a reset goes back to: the defaults with the constructor's overrides. */
  initialBehaviour: Behaviour;
  dispatcher: Dispatcher;
  faults: FaultQueue;
  gate: RateGate;
  requests: RequestLog;
  loopLimit: number;
  onReset?: () => void;
}

type AdminRouter = Router<CallContext<undefined>>;

const specSchema = z.object({
  kind: z.literal('helpdeskeddy.dispatcher-rule'),
  title: z.string().trim().min(1),
  group: z.literal('main'),
  required: z.array(z.enum(['new_ticket', 'new_reply'])).min(1),
  extra: z
    .array(
      z.object({
        field: z.literal('last_reply_author_group'),
        op: z.literal('eq').default('eq'),
        value: z.enum(['client', 'staff']),
      }),
    )
    .default([]),
  action: z.object({
    type: z.literal('webhook'),
    mode: z.enum(['async', 'sync']),
    retries: z.boolean(),
    method: z.enum(['POST', 'GET', 'PUT', 'PATCH', 'DELETE']),
    format: z.enum(['JSON', 'XML', 'X-FORM-URLENCODED']),
    auth: z.literal('none'),
    url: z.string().regex(/^https?:\/\//, 'must be an http(s) URL'),
    body: z.string(),
  }),
});

function body(raw: Buffer): unknown {
  return parseJsonBody(raw, () => badRequest('the body must be JSON'));
}

export function adminRouter(c: AdminContext): AdminRouter {
  const r: AdminRouter = new Router();
  const P = '/_sandbox';
  const store = () => c.world.store;

  r.on('GET', `${P}/info`, () =>
    json(200, {
      kind: c.kind,
      email: c.email,
      rateLimitPerMinute: c.gate.limit,
      ban: c.gate.status(),
      loopLimit: c.loopLimit,
      rules: c.dispatcher.rules.length,
    }),
  );

  r.on('POST', `${P}/reset`, () => {
    store().reset();
    c.world.files.clear();
    c.world.behaviour = { ...c.initialBehaviour };
    c.dispatcher.reset();
    c.faults.clear();
    c.gate.clear();
    c.requests.clear();
    c.onReset?.();
    return json(200, { reset: true });
  });

  r.on('GET', `${P}/behaviour`, () => json(200, describeBehaviour(c.world.behaviour)));
  r.on('POST', `${P}/behaviour`, (req) => {
    const parsed = parseBehaviour(body(req.body));
    if (!parsed.ok) throw badRequest(parsed.message);
    c.world.behaviour = { ...c.world.behaviour, ...parsed.value };
    return json(200, describeBehaviour(c.world.behaviour));
  });

  r.on('GET', `${P}/dispatcher-rules`, () =>
    json(
      200,
      c.dispatcher.rules.map((rule) => ({ rule_id: rule.id, ...rule.spec })),
    ),
  );
  r.on('POST', `${P}/dispatcher-rules`, (req) => {
    const parsed = specSchema.safeParse(body(req.body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badRequest(`${issue.path.join('.') || 'spec'}: ${issue.message}`);
    }
    return json(200, c.dispatcher.upsert(parsed.data));
  });
  r.on('DELETE', `${P}/dispatcher-rules/{id}`, (req) => {
    if (!c.dispatcher.remove(Number(req.params.id)))
      throw new HttpError(404, { errors: [{ code: 'e-404', title: 'Not found', details: 'no such rule' }] });
    return json(200, { deleted: true });
  });

  r.on('GET', `${P}/faults`, () => json(200, c.faults.list()));
  r.on('POST', `${P}/faults`, (req) => {
    const parsed = z.union([faultSchema, z.array(faultSchema).min(1)]).safeParse(body(req.body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badRequest(`${issue.path.join('.') || 'fault'}: ${issue.message}`);
    }
    for (const f of Array.isArray(parsed.data) ? parsed.data : [parsed.data]) c.faults.add(f);
    return json(200, c.faults.list());
  });
  r.on('DELETE', `${P}/faults`, () => {
    c.faults.clear();
    return json(200, []);
  });

  // Same query as the other sandbox: `since=<id>` for pollers, `settle=1` to wait for deliveries under way.
  r.on('GET', `${P}/deliveries`, async (req) => {
    const ticket = req.query.get('ticket_id');
    const since = Number(req.query.get('since') ?? 0) || 0;
    if (req.query.get('settle')) await c.dispatcher.idle();
    return json(
      200,
      c.dispatcher.deliveries.filter((d) => d.id > since && (!ticket || d.ticketId === ticket)),
    );
  });
  r.on('DELETE', `${P}/deliveries`, () => {
    c.dispatcher.deliveries = [];
    return json(200, []);
  });

  r.on('GET', `${P}/requests`, () => json(200, c.requests.list()));
  r.on('DELETE', `${P}/requests`, () => {
    c.requests.clear();
    return json(200, []);
  });

  r.on('GET', `${P}/ban`, () => json(200, c.gate.status()));
  r.on('POST', `${P}/ban`, (req) => {
    const input = body(req.body);
    const minutes = isRecord(input) && input.minutes !== undefined ? Number(input.minutes) : undefined;
    if (minutes !== undefined && !(minutes > 0 && minutes <= 100_000))
      throw badRequest('minutes must be a positive number');
    c.gate.ban(minutes);
    return json(200, c.gate.status());
  });
  r.on('DELETE', `${P}/ban`, () => {
    c.gate.clear();
    return json(200, c.gate.status());
  });

  const patchUser: RouteHandler<CallContext<undefined>> = (req) => {
    const user = store().user(Number(req.params.id));
    if (!user)
      throw new HttpError(404, {
        errors: [{ code: 'e-404', title: 'Not found', details: `User with id {${req.params.id}} not found` }],
      });
    const input = body(req.body);
    if (!isRecord(input)) throw badRequest('the body must be an object');
    if (input.group_type !== undefined) {
      if (input.group_type !== 'staff' && input.group_type !== 'user')
        throw badRequest('group_type must be "staff" or "user"');
      user.groupId =
        input.group_type === 'user' ? CLIENT_GROUP_ID : user.groupId === CLIENT_GROUP_ID ? 2 : user.groupId;
    }
    if (input.group_id !== undefined) {
      const group = GROUPS.find((g) => g.id === Number(input.group_id));
      if (!group) throw badRequest(`unknown group_id; known: ${GROUPS.map((g) => g.id).join(', ')}`);
      user.groupId = group.id;
    }
    for (const key of ['name', 'lastname', 'email', 'status'] as const) {
      if (typeof input[key] === 'string') (user as unknown as Record<string, string>)[key] = input[key];
    }
    return json(200, { id: user.id, email: user.email, group: store().group(user) });
  };
  r.on('PATCH', `${P}/users/{id}`, patchUser);
  r.on('POST', `${P}/users/{id}`, patchUser);
  r.on('GET', `${P}/users`, () =>
    json(
      200,
      store().users.map((u) => ({ id: u.id, email: u.email, name: u.name, group: store().group(u) })),
    ),
  );
  return r;
}
