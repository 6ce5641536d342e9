/**
 * The `/api/v2` subset omnibot uses, shaped as reference §2 describes: departments, statuses,
 * users, tickets, posts and comments. Paths arrive without a trailing slash (the server strips
 * it, since clients use both forms).
 */
import { HttpError, json, type Reply } from '../../../server/http.js';
import { Router, type RouteRequest } from '../../../server/router.js';
import { queryAll } from '../../../server/query.js';
import { DEPARTMENTS, GROUPS, STATUSES, type HdeStore, type StoreEvent, type TicketRec, type UserRec } from './store.js';
import { paginate, postJson, ticketJson, userJson } from './format.js';
import { badRequest, bool, int, parseRequestBody, str } from './request-body.js';

export interface ApiContext {
  store: HdeStore;
  requester: UserRec;
  /** Runs the dispatcher for events a handler caused; resolves when sync rules are delivered. */
  dispatch(events: StoreEvent[]): Promise<void>;
}

const A = '/api/v2';

function notFound(what: string, id: string): HttpError {
  return new HttpError(404, { errors: [{ code: 'e-404', title: 'Not found', details: `${what} with id {${id}} not found` }] });
}

function success204(details: string): Reply {
  // Successful deletes answer with an `errors` array carrying an s- code (reference §1.5).
  return json(200, { errors: [{ code: 's-204', title: 'No content', details }] });
}

function ticketOf(store: HdeStore, req: RouteRequest): TicketRec {
  const id = Number(req.params.id);
  const ticket = Number.isInteger(id) ? store.ticket(id) : undefined;
  if (!ticket) throw notFound('Ticket', req.params.id ?? '');
  return ticket;
}

/** The ticket list is an object keyed by id; JSON.stringify would reorder numeric keys, so it is written by hand. */
function keyedList(entries: Array<[string, unknown]>, pagination: unknown): Reply {
  const data = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',');
  return { status: 200, text: `{"data":{${data}},"pagination":${JSON.stringify(pagination)}}`, headers: { 'content-type': 'application/json; charset=utf-8' } };
}

function authorOf(store: HdeStore, fields: Record<string, unknown>, fallback: UserRec): number {
  const userId = int(fields, 'user_id');
  if (userId === undefined) return fallback.id;
  if (!store.user(userId)) throw badRequest(`User with id {${userId}} not found.`);
  return userId;
}

function ownerOf(store: HdeStore, fields: Record<string, unknown>): number | undefined {
  const ownerId = int(fields, 'owner_id');
  if (ownerId === undefined || ownerId === 0) return ownerId;
  if (!store.isStaff(ownerId)) throw badRequest(`owner_id {${ownerId}} is not a staff user.`);
  return ownerId;
}

function statusOf(fields: Record<string, unknown>): string | undefined {
  const statusId = str(fields, 'status_id');
  if (statusId !== undefined && !STATUSES.some((s) => s.id === statusId)) throw badRequest(`Unknown status_id "${statusId}".`);
  return statusId;
}

export function apiRouter(): Router<ApiContext> {
  const r = new Router<ApiContext>();

  r.on('GET', `${A}/departments`, () => {
    const { slice, pagination } = paginate(DEPARTMENTS, null);
    return json(200, { data: slice.map((d) => ({ id: d.id, name: d.name })), pagination });
  });

  r.on('GET', `${A}/statuses`, () => {
    const { slice, pagination } = paginate(STATUSES, null);
    return json(200, { data: slice.map((s) => ({ id: s.id, name: s.name })), pagination });
  });

  r.on('GET', `${A}/users`, (req, { store, requester }) => {
    const search = req.query.get('search')?.trim().toLowerCase();
    const groups = queryAll(req.query, 'group_list').map(Number);
    const users = store.users.filter(
      (u) =>
        (!search || [u.name, u.lastname, u.email].some((f) => f.toLowerCase().includes(search))) &&
        (groups.length === 0 || groups.includes(u.groupId)),
    );
    const { slice, pagination } = paginate(users, req.query.get('page'));
    return json(200, { data: slice.map((u) => userJson(store, u, requester)), pagination });
  });

  r.on('GET', `${A}/users/{id}`, (req, { store, requester }) => {
    const user = store.user(Number(req.params.id));
    if (!user) throw notFound('User', req.params.id ?? '');
    return json(200, { data: userJson(store, user, requester) });
  });

  r.on('GET', `${A}/tickets`, (req, { store }) => {
    const q = req.query;
    const statuses = queryAll(q, 'status_list');
    const users = queryAll(q, 'user_list').map(Number);
    const owners = queryAll(q, 'owner_list').map(Number);
    const search = q.get('search')?.trim().toLowerCase();
    const deleted = q.get('deleted') === '1';
    const asc = /\{asc\}/i.test(q.get('order_by') ?? '');
    const tickets = store.tickets
      .filter(
        (t) =>
          t.deleted === deleted &&
          (statuses.length === 0 || statuses.includes(t.statusId)) &&
          (users.length === 0 || users.includes(t.userId)) &&
          (owners.length === 0 || owners.includes(t.ownerId)) &&
          (!search || t.title.toLowerCase().includes(search)),
      )
      .sort((a, b) => (asc ? a.id - b.id : b.id - a.id));
    const { slice, pagination } = paginate(tickets, q.get('page'), true);
    return keyedList(slice.map((t) => [String(t.id), ticketJson(store, t)]), pagination);
  });

  r.on('POST', `${A}/tickets`, async (req, ctx) => {
    const { store, requester } = ctx;
    const { fields, files } = await parseRequestBody(req.headers['content-type'] as string | undefined, req.body);
    const title = str(fields, 'title');
    const description = str(fields, 'description');
    if (!title || !description) throw badRequest(`Required fields are missing: ${[!title && 'title', !description && 'description'].filter(Boolean).join(', ')}.`);
    let userId = int(fields, 'user_id');
    if (userId !== undefined && !store.user(userId)) throw badRequest(`User with id {${userId}} not found.`);
    const email = str(fields, 'user_email');
    if (userId === undefined && email) {
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badRequest(`user_email "${email}" is not an e-mail address.`);
      // A new e-mail silently creates the client (reference §2.4).
      userId = (store.userByEmail(email) ?? store.addUser({ name: str(fields, 'user_name') ?? email.split('@')[0]!, email })).id;
    }
    const departmentId = int(fields, 'department_id');
    if (departmentId !== undefined && !DEPARTMENTS.some((d) => d.id === departmentId)) throw badRequest(`Unknown department_id {${departmentId}}.`);
    const ticket = store.createTicket({
      title,
      description,
      userId: userId ?? requester.id,
      fromUser: bool(fields, 'create_from_user') ?? true,
      departmentId,
      statusId: statusOf(fields),
      priorityId: int(fields, 'priority_id'),
      ownerId: ownerOf(store, fields),
      metaChatId: str(fields, 'meta_chat_id'),
      files,
    });
    await ctx.dispatch(store.drainEvents());
    return json(200, { data: ticketJson(store, ticket) });
  });

  r.on('GET', `${A}/tickets/{id}`, (req, { store }) => json(200, { data: ticketJson(store, ticketOf(store, req)) }));

  r.on('PUT', `${A}/tickets/{id}`, async (req, { store }) => {
    const ticket = ticketOf(store, req);
    const { fields } = await parseRequestBody(req.headers['content-type'] as string | undefined, req.body);
    const statusId = statusOf(fields);
    const ownerId = ownerOf(store, fields);
    const title = str(fields, 'title');
    const departmentId = int(fields, 'department_id');
    const priorityId = int(fields, 'priority_id');
    if (statusId !== undefined) ticket.statusId = statusId;
    if (ownerId !== undefined) ticket.ownerId = ownerId;
    if (title !== undefined) ticket.title = title;
    if (departmentId !== undefined) ticket.departmentId = departmentId;
    if (priorityId !== undefined) ticket.priorityId = priorityId;
    store.touch(ticket);
    return json(200, { data: ticketJson(store, ticket) });
  });

  r.on('DELETE', `${A}/tickets/{id}`, (req, { store }) => {
    const ticket = ticketOf(store, req);
    if (req.query.get('delete') === 'true' || req.query.get('delete') === '1') {
      store.tickets = store.tickets.filter((t) => t !== ticket);
      store.posts = store.posts.filter((p) => p.ticketId !== ticket.id);
      store.comments = store.comments.filter((p) => p.ticketId !== ticket.id);
    } else ticket.deleted = true;
    return success204(`Ticket with id {${ticket.id}} successfully deleted`);
  });

  for (const kind of ['posts', 'comments'] as const) {
    r.on('GET', `${A}/tickets/{id}/${kind}`, (req, { store }) => {
      const ticket = ticketOf(store, req);
      const list = store.postsOf(ticket.id, kind === 'posts' ? store.posts : store.comments);
      const { slice, pagination } = paginate(list, req.query.get('page'));
      return json(200, { data: slice.map((p) => postJson(store, p, kind === 'comments' ? 'staff' : undefined)), pagination });
    });

    r.on('POST', `${A}/tickets/{id}/${kind}`, async (req, ctx) => {
      const { store, requester } = ctx;
      const ticket = ticketOf(store, req);
      const { fields, files } = await parseRequestBody(req.headers['content-type'] as string | undefined, req.body);
      const text = str(fields, 'text');
      if (!text) throw badRequest('Required field is missing: text.');
      const userId = authorOf(store, fields, requester);
      if (kind === 'comments') return json(200, { data: postJson(store, store.addComment(ticket, userId, text, files), 'staff') });
      const post = store.addPost(ticket, userId, text, files);
      await ctx.dispatch(store.drainEvents());
      return json(200, { data: postJson(store, post) });
    });
  }

  // Dictionaries the client does not use are still answered, so exploring the sandbox works.
  r.on('GET', `${A}/groups`, () => json(200, { data: GROUPS.map((g) => ({ id: g.id, type: g.type, name: g.name })), pagination: paginate(GROUPS, null).pagination }));
  return r;
}
